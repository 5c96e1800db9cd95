package io.agentfleet.generate.database;

import io.agentfleet.generate.kit.AgentPods;
import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.kit.Workloads;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.model.Database;
import io.agentfleet.model.Defaults;
import io.agentfleet.model.Fleet;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * StatefulSet mode: ordinal 0 starts as the primary, the others stream from whichever instance the read-write
 * Service selects, each through its own replication slot, after a pg_basebackup clone in the init container; a
 * keeper sidecar (passfile, password rotation, slot) and a metrics exporter sidecar in each pod; a headless
 * Service for pod DNS, a read-write Service on the primary only, a read-only one, a PDB.
 */
final class StatefulSetMode {
  /** User and group of the Docker official postgres image. */
  static final long POSTGRES_UID = 999;
  /** The label the StatefulSet controller sets on each pod to its own name. */
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

  private StatefulSetMode() {}

  static List<Document> cluster(Fleet fleet, SqlPlan plan) {
    Database db = fleet.database();
    String name = DatabaseNames.cluster(fleet);
    List<Document> docs = new ArrayList<>();
    docs.add(Document.of(new ServiceAccountBuilder()
        .withMetadata(Labels.meta(fleet, name, DatabaseNames.labels(fleet)))
        .withAutomountServiceAccountToken(false).build(), "PostgreSQL needs no Kubernetes API access."));
    docs.add(Document.of(service(fleet, DatabaseNames.headless(fleet), DatabaseNames.selector(fleet), true),
        "Stable DNS per instance (" + name + "-0." + DatabaseNames.headless(fleet) + "); not-ready pods are published\n"
            + "so that a replica's init container can reach the primary while it starts."));
    SortedMap<String, String> primary = DatabaseNames.selector(fleet);
    primary.put(POD_NAME_LABEL, name + "-0");
    docs.add(Document.of(service(fleet, DatabaseNames.rw(fleet), primary, false),
        "Read-write: ordinal 0 only, the primary. Failover is manual: database/README.md gives the steps\n"
            + "(promote a replica, pause the sync, patch this selector, then fail back)."));
    docs.add(Document.of(service(fleet, DatabaseNames.ro(fleet), DatabaseNames.selector(fleet), false),
        "Read-only traffic: every instance, the primary included (a Service cannot exclude one ordinal without an\n"
            + "operator). Replicas are hot standbys and refuse writes."));
    docs.add(Document.of(statefulSet(fleet, plan, db),
        "Ordinal 0 starts as the primary; ordinals 1.." + (db.instances() - 1) + " are streaming replicas cloned by\n"
            + "pg_basebackup in the init container (bootstrap.sh) from whatever " + DatabaseNames.rw(fleet) + " selects, each\n"
            + "through its own replication slot. The data directory decides the role, not the ordinal: after a manual\n"
            + "failover the old primary refuses to start as a second primary (database/README.md, Failover).\n"
            + "Sidecars: keeper (the replication passfile from the mounted Secret, rotated passwords, the slot) and\n"
            + "exporter (port metrics, series named like CloudNativePG's). A StatefulSet alone replicates nothing:\n"
            + "the scripts in " + DatabaseNames.scripts(fleet) + " do."));
    docs.add(Document.of(new PodDisruptionBudgetBuilder()
        .withMetadata(Labels.meta(fleet, name, DatabaseNames.labels(fleet)))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withSelector(new LabelSelectorBuilder().withMatchLabels(DatabaseNames.selector(fleet)).build())
        .endSpec().build(), "One instance at a time may be drained."));
    return docs;
  }

  private static io.fabric8.kubernetes.api.model.Service service(Fleet fleet, String name,
      Map<String, String> selector, boolean headless) {
    ServiceBuilder b = new ServiceBuilder()
        .withMetadata(Labels.meta(fleet, name, DatabaseNames.labels(fleet)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector)
        .addNewPort().withName("postgres").withPort(DatabaseNames.PORT).withNewTargetPort("postgres")
        .withProtocol("TCP").endPort()
        .endSpec();
    if (headless) {
      b.editSpec().withClusterIP("None").withPublishNotReadyAddresses(true).endSpec();
    }
    return b.build();
  }

  private static io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet(Fleet fleet, SqlPlan plan, Database db) {
    String name = DatabaseNames.cluster(fleet);
    SortedMap<String, String> podLabels = DatabaseNames.labels(fleet);
    List<EnvVar> env = List.of(
        AgentPods.env("PGDATA", DatabaseScripts.PGDATA),
        new EnvVarBuilder().withName("POD_NAME")
            .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
        AgentPods.env("PRIMARY_HOST", DatabaseNames.rw(fleet)),
        AgentPods.env("PASSFILE", DatabaseScripts.PASSFILE),
        AgentPods.env("PGPORT", Integer.toString(DatabaseNames.PORT)),
        AgentPods.env("SOCKET_DIR", DatabaseScripts.SOCKET_DIR),
        AgentPods.env("SECRETS_DIR", DatabaseScripts.SECRETS_DIR),
        AgentPods.env("SCRIPTS_DIR", DatabaseScripts.SCRIPTS_DIR));
    Container init = new ContainerBuilder()
        .withName("bootstrap")
        .withImage(db.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("bash", DatabaseScripts.SCRIPTS_DIR + "/bootstrap.sh")
        .withEnv(env)
        .withResources(AgentPods.resources(db.resources()))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("data", DatabaseScripts.DATA_MOUNT, false),
            AgentPods.mount("run", DatabaseScripts.SOCKET_DIR, false), AgentPods.mount("tmp", "/tmp", false),
            AgentPods.mount("scripts", DatabaseScripts.SCRIPTS_DIR, true),
            AgentPods.mount("credentials", DatabaseScripts.SECRETS_DIR, true))
        .build();
    Container postgres = new ContainerBuilder()
        .withName("postgres")
        .withImage(db.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("postgres", "-D", DatabaseScripts.PGDATA)
        .withEnv(AgentPods.env("PGDATA", DatabaseScripts.PGDATA))
        .addNewPort().withName("postgres").withContainerPort(DatabaseNames.PORT).withProtocol("TCP").endPort()
        .withResources(AgentPods.resources(db.resources()))
        .withStartupProbe(ready(10, 60))
        .withLivenessProbe(ready(20, 6))
        .withReadinessProbe(ready(10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("data", DatabaseScripts.DATA_MOUNT, false),
            AgentPods.mount("run", DatabaseScripts.SOCKET_DIR, false), AgentPods.mount("tmp", "/tmp", false))
        .build();
    Container keeper = new ContainerBuilder()
        .withName("keeper")
        .withImage(db.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("bash", DatabaseScripts.SCRIPTS_DIR + "/keeper.sh", "loop")
        .withEnv(env)
        .withResources(AgentPods.resources(Database.STATEFULSET_SIDECAR_RESOURCES))
        .withLivenessProbe(passfileProbe(30))
        .withReadinessProbe(passfileProbe(10))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("run", DatabaseScripts.SOCKET_DIR, false), AgentPods.mount("tmp", "/tmp", false),
            AgentPods.mount("scripts", DatabaseScripts.SCRIPTS_DIR, true),
            AgentPods.mount("credentials", DatabaseScripts.SECRETS_DIR, true))
        .build();
    Container exporter = new ContainerBuilder()
        .withName("exporter")
        .withImage(Defaults.POSTGRES_EXPORTER_IMAGE)
        .withImagePullPolicy("IfNotPresent")
        .withArgs("--extend.query-path=" + DatabaseScripts.SCRIPTS_DIR + "/exporter-queries.yaml",
            "--web.listen-address=:" + DatabaseNames.METRICS_PORT)
        .withEnv(AgentPods.env("DATA_SOURCE_NAME", "host=" + DatabaseScripts.SOCKET_DIR + " port=" + DatabaseNames.PORT
            + " user=" + SqlPlan.MONITOR_ROLE + " dbname=postgres sslmode=disable"))
        .addNewPort().withName("metrics").withContainerPort(DatabaseNames.METRICS_PORT).withProtocol("TCP").endPort()
        .withResources(AgentPods.resources(Database.STATEFULSET_SIDECAR_RESOURCES))
        .withLivenessProbe(AgentPods.httpProbe("/", "metrics", 30, 3))
        .withReadinessProbe(AgentPods.httpProbe("/", "metrics", 10, 3))
        .withSecurityContext(AgentPods.containerSecurity())
        .withVolumeMounts(AgentPods.mount("run", DatabaseScripts.SOCKET_DIR, false),
            AgentPods.mount("scripts", DatabaseScripts.SCRIPTS_DIR, true))
        .build();
    return new StatefulSetBuilder()
        .withMetadata(Labels.meta(fleet, name, DatabaseNames.labels(fleet)))
        .withNewSpec()
        .withServiceName(DatabaseNames.headless(fleet))
        .withReplicas(db.instances())
        .withPodManagementPolicy("OrderedReady")
        .withSelector(new LabelSelectorBuilder().withMatchLabels(DatabaseNames.selector(fleet)).build())
        .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).endMetadata()
        .withNewSpec()
        .withServiceAccountName(name)
        .withPriorityClassName(DatabaseNames.priorityClass(fleet))
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(60L)
        .withSecurityContext(AgentPods.podSecurity(POSTGRES_UID))
        .withInitContainers(init)
        .withContainers(postgres, keeper, exporter)
        .withVolumes(AgentPods.emptyDir("run", "16Mi"), AgentPods.emptyDir("tmp", "1Gi"), scriptsVolume(fleet),
            credentials(plan))
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
            .withNewMetadata().withName("data").withLabels(DatabaseNames.labels(fleet)).endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce")
            .withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity(db.storage().toString()))
            .endResources().endSpec().build())
        .endSpec()
        .build();
  }

  /** The keeper is healthy while the passfile it keeps exists. */
  private static Probe passfileProbe(int period) {
    return new ProbeBuilder().withNewExec().withCommand("test", "-s", DatabaseScripts.PASSFILE).endExec()
        .withPeriodSeconds(period).withTimeoutSeconds(5).withFailureThreshold(3).build();
  }

  private static Probe ready(int period, int failures) {
    return new ProbeBuilder()
        .withNewExec().withCommand("pg_isready", "-q", "-h", DatabaseScripts.SOCKET_DIR, "-p",
            Integer.toString(DatabaseNames.PORT)).endExec()
        .withPeriodSeconds(period).withTimeoutSeconds(5).withFailureThreshold(failures).build();
  }

  /** The scripts ConfigMap as an executable, read-only volume. */
  static Volume scriptsVolume(Fleet fleet) {
    Volume volume = Workloads.configMapVolume("scripts", DatabaseNames.scripts(fleet));
    volume.getConfigMap().setDefaultMode(0555);
    return volume;
  }

  /** Every role's Secret (username, password) under {@code <secrets dir>/<secret>/}. */
  static Volume credentials(SqlPlan plan) {
    List<VolumeProjection> sources = new ArrayList<>();
    for (SqlPlan.Role r : plan.roles()) {
      SecretProjection secret = new SecretProjection();
      secret.setName(r.secret());
      secret.setItems(List.of(new KeyToPath("username", null, r.secret() + "/username"),
          new KeyToPath("password", null, r.secret() + "/password")));
      VolumeProjection source = new VolumeProjection();
      source.setSecret(secret);
      sources.add(source);
    }
    ProjectedVolumeSource projected = new ProjectedVolumeSource();
    projected.setDefaultMode(0440);
    projected.setSources(sources);
    Volume volume = new Volume();
    volume.setName("credentials");
    volume.setProjected(projected);
    return volume;
  }
}
