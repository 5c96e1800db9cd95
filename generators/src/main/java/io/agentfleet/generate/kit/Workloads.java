package io.agentfleet.generate.kit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parts of workloads (selectors, pod metadata, Services, volumes, claims) put together with setters. fabric8's
 * builders copy every nested part once when it is given and once more when they build, and the first use of a pod's
 * builders loads and verifies some two hundred builder classes (every volume source and pod field has one), tens of
 * milliseconds of a fresh JVM before the first file is written. The generators build their objects with these.
 */
public final class Workloads {
  private Workloads() {}

  /** A selector of pods by labels. */
  public static LabelSelector selector(Map<String, String> matchLabels) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(new TreeMap<>(matchLabels));
    return selector;
  }

  /** The metadata of a pod template: its labels and, unless null, its annotations. */
  public static ObjectMeta podMeta(Map<String, String> labels, Map<String, String> annotations) {
    ObjectMeta meta = new ObjectMeta();
    meta.setLabels(new TreeMap<>(labels));
    if (annotations != null) {
      meta.setAnnotations(new TreeMap<>(annotations));
    }
    return meta;
  }

  /** A container of {@code image}, pulled if not present. */
  public static Container container(String name, String image) {
    Container c = new Container();
    c.setName(name);
    c.setImage(image);
    c.setImagePullPolicy("IfNotPresent");
    return c;
  }

  /** A ServiceAccount, with an API token mounted in its pods or not. */
  public static ServiceAccount serviceAccount(ObjectMeta meta, boolean automountToken) {
    ServiceAccount account = new ServiceAccount();
    account.setMetadata(meta);
    account.setAutomountServiceAccountToken(automountToken);
    return account;
  }

  /** A ConfigMap of text entries. */
  public static ConfigMap configMap(ObjectMeta meta, Map<String, String> data) {
    ConfigMap map = new ConfigMap();
    map.setMetadata(meta);
    map.setData(new TreeMap<>(data));
    return map;
  }

  /** A ClusterIP Service to the pods {@code selector} labels. */
  public static Service clusterIp(ObjectMeta meta, Map<String, String> selector, List<ServicePort> ports) {
    ServiceSpec spec = new ServiceSpec();
    spec.setType("ClusterIP");
    spec.setSelector(new TreeMap<>(selector));
    spec.setPorts(ports);
    Service service = new Service();
    service.setMetadata(meta);
    service.setSpec(spec);
    return service;
  }

  /** A TCP port of a Service, to the container port named {@code targetPort}. */
  public static ServicePort servicePort(String name, int port, String targetPort) {
    ServicePort p = new ServicePort();
    p.setName(name);
    p.setPort(port);
    p.setTargetPort(new IntOrString(targetPort));
    p.setProtocol("TCP");
    return p;
  }

  /** A ReadWriteOnce claim of {@code size} of the cluster's default StorageClass. */
  public static PersistentVolumeClaim claim(ObjectMeta meta, String size) {
    VolumeResourceRequirements resources = new VolumeResourceRequirements();
    resources.setRequests(Map.of("storage", new Quantity(size)));
    PersistentVolumeClaimSpec spec = new PersistentVolumeClaimSpec();
    spec.setAccessModes(List.of("ReadWriteOnce"));
    spec.setResources(resources);
    PersistentVolumeClaim claim = new PersistentVolumeClaim();
    claim.setMetadata(meta);
    claim.setSpec(spec);
    return claim;
  }

  /** A volume of the claim {@code claimName}. */
  public static Volume claimVolume(String name, String claimName) {
    PersistentVolumeClaimVolumeSource claim = new PersistentVolumeClaimVolumeSource();
    claim.setClaimName(claimName);
    Volume volume = new Volume();
    volume.setName(name);
    volume.setPersistentVolumeClaim(claim);
    return volume;
  }

  /** A volume of a ConfigMap: every key as a file of its name, or only {@code keys} if given. */
  public static Volume configMapVolume(String name, String configMap, String... keys) {
    ConfigMapVolumeSource source = new ConfigMapVolumeSource();
    source.setName(configMap);
    if (keys.length > 0) {
      List<KeyToPath> items = new ArrayList<>();
      for (String key : keys) {
        items.add(new KeyToPath(key, null, key));
      }
      source.setItems(items);
    }
    Volume volume = new Volume();
    volume.setName(name);
    volume.setConfigMap(source);
    return volume;
  }

  /** One volume of every key of each of {@code configMaps}. */
  public static Volume projectedConfigMaps(String name, List<String> configMaps) {
    List<VolumeProjection> sources = new ArrayList<>();
    for (String configMap : configMaps) {
      ConfigMapProjection projection = new ConfigMapProjection();
      projection.setName(configMap);
      VolumeProjection source = new VolumeProjection();
      source.setConfigMap(projection);
      sources.add(source);
    }
    ProjectedVolumeSource projected = new ProjectedVolumeSource();
    projected.setSources(sources);
    Volume volume = new Volume();
    volume.setName(name);
    volume.setProjected(projected);
    return volume;
  }

  /** A directory of the node, of hostPath {@code type} ({@code Directory}, {@code DirectoryOrCreate}). */
  public static Volume hostPathVolume(String name, String path, String type) {
    HostPathVolumeSource hostPath = new HostPathVolumeSource();
    hostPath.setPath(path);
    hostPath.setType(type);
    Volume volume = new Volume();
    volume.setName(name);
    volume.setHostPath(hostPath);
    return volume;
  }
}
