package io.agentfleet.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/** The one Immutables style shared by every spec type: public builders, JDK collections, singular adders. */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"subAgent:subAgents", "agent:agents", "label:labels", "except:except"},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = true))
public @interface FleetStyle {}
