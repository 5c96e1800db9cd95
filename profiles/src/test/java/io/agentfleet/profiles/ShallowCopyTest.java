package io.agentfleet.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShallowCopyTest {
  private static PodSpec pod() {
    PodSpec pod = new PodSpecBuilder()
        .withServiceAccountName("sa").withPriorityClassName("high").withTerminationGracePeriodSeconds(30L)
        .addNewContainer().withName("c").withImage("i").endContainer()
        .addNewVolume().withName("v").withNewEmptyDir().endEmptyDir().endVolume()
        .addToNodeSelector("disk", "ssd")
        .withTolerations(new TolerationBuilder().withKey("k").withOperator("Exists").build())
        .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
        .build();
    pod.setAdditionalProperty("extra", "kept");
    return pod;
  }

  @Test
  void copy_whenMade_keepsEveryFieldAndSharesTheirValues() {
    PodSpec original = pod();

    PodSpec copy = ShallowCopy.of(original);

    assertThat(copy).isNotSameAs(original).isEqualTo(original);
    assertThat(copy.getContainers()).isSameAs(original.getContainers());
    assertThat(copy.getSecurityContext()).isSameAs(original.getSecurityContext());
    assertThat(copy.getAdditionalProperties()).containsEntry("extra", "kept");
  }

  @Test
  void copy_whenAFieldIsReplaced_leavesTheOriginalAsItWas() {
    PodSpec original = pod();

    PodSpec copy = ShallowCopy.of(original);
    copy.setServiceAccountName("other");
    copy.setTopologySpreadConstraints(List.of());

    assertThat(original).isEqualTo(pod());
    assertThat(original.getServiceAccountName()).isEqualTo("sa");
  }
}
