package io.agentfleet.generate.validate.policy;

import static io.agentfleet.generate.validate.Fixtures.at;
import static io.agentfleet.generate.validate.Fixtures.deployment;
import static io.agentfleet.generate.validate.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentfleet.generate.spi.RenderedTree;
import io.agentfleet.generate.validate.Fixtures;
import io.agentfleet.generate.validate.Validators;
import io.agentfleet.generate.validate.schema.SchemaValidator;
import io.agentfleet.model.Problem;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {
  @Test
  void tree_whenClean_hasNoProblems() {
    RenderedTree tree = Fixtures.tree(yaml(Fixtures.NAMESPACE), deployment());

    assertThat(new PolicyValidator().validate(tree, "1.34")).isEmpty();
  }

  @Test
  void problems_whenSeveral_comeByFileThenDocumentThenRule() {
    ObjectNode d = deployment();
    at(d, "/spec/template/spec/containers/0").remove("readinessProbe");
    at(d, "/spec/template/spec/containers/0/securityContext").put("privileged", true);
    SortedMap<String, String> files = new TreeMap<>();
    files.put("b.yaml", Fixtures.text(d));
    files.put("a.yaml", Fixtures.text(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n"),
        yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n"
            + "rules: [{apiGroups: [''], resources: ['*'], verbs: [get]}]\n")));

    assertThat(new PolicyValidator().validate(new RenderedTree(files), "1.34")).extracting(Problem::toString)
        .containsExactly(
            "a.yaml Secret/s: stringData: must not be set, the tree references secrets and never holds their values"
                + " (use an ExternalSecret or a SealedSecret)",
            "a.yaml Role/r: rules[0].resources: must not contain \"*\" (name each one)",
            "b.yaml Deployment/web: spec.template.spec.containers[0].securityContext.privileged: must not be true"
                + " (Pod Security \"restricted\")",
            "b.yaml Deployment/web: spec.template.spec.containers[0].readinessProbe: must be set (long-running"
                + " container \"agent\")");
  }

  @Test
  void standard_whenAsked_isSchemaThenPolicyThenReferencesThenSizes() {
    assertThat(Validators.standard(null, Path.of("unused"))).hasExactlyElementsOfTypes(
        SchemaValidator.class, PolicyValidator.class, ReferencesValidator.class, SizeLimitsValidator.class,
        KustomizationSizeValidator.class);
  }
}
