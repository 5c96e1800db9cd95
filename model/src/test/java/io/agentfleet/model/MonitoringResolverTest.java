package io.agentfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The monitoring section's defaults are the seed's numbers; the mode decides what applies. */
class MonitoringResolverTest {
  private static Monitoring resolve(MonitoringSpec spec) {
    Problems p = new Problems();
    Monitoring m = MonitoringResolver.resolve(Optional.of(spec), NetworkSpec.defaults(), p);
    assertThat(p.list()).isEmpty();
    return m;
  }

  @Test
  void emptySection_whenResolved_carriesTheSeedsThresholdsAndTheOperatorMode() {
    Monitoring m = resolve(MonitoringSpec.builder().build());

    assertThat(m.enabled()).isTrue();
    assertThat(m.mode()).isEqualTo(MonitoringMode.PROMETHEUS_OPERATOR);
    assertThat(m.alerts().claudeRequestsPerSecond()).isEqualTo(Quantity.parse("50"));
    assertThat(m.alerts().tokensPerDay()).isEqualTo(Quantity.parse("900000"));
    assertThat(m.alerts().agentDownFor()).isEqualTo(Span.parse("1m"));
    assertThat(m.alerts().resourceUsagePercent()).isEqualTo(90);
    // No stated selector: the generators select by the fleet's own part-of label (see the platform plan).
    assertThat(m.prometheus().selectorLabels()).isEmpty();
    assertThat(m.alertmanager().webhookSecret()).isEmpty();
    assertThat(m.grafana()).isPresent();
    assertThat(m.logging()).isEmpty();
  }

  @Test
  void tokensPerDay_whenWrittenWithASuffix_isReadAsAWholeNumber() {
    assertThat(resolve(MonitoringSpec.builder().alerts(MonitoringSpec.AlertsSpec.builder()
        .tokensPerDay(Quantity.parse("900k")).build()).build()).alerts().tokensPerDay().amount())
        .isEqualByComparingTo("900000");
  }

  @Test
  void logging_whenOnlyAUrlIsGiven_shipsToLokiFromItsOwnNamespace() {
    Monitoring m = resolve(MonitoringSpec.builder()
        .logging(MonitoringSpec.LoggingSpec.builder().url("http://loki.logging.svc:3100").build()).build());

    assertThat(m.logging().orElseThrow().sink()).isEqualTo(LogSink.LOKI);
    assertThat(m.logging().orElseThrow().namespace()).isEqualTo("logging");
  }
}
