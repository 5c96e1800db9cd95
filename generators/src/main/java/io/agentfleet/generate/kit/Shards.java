package io.agentfleet.generate.kit;

import io.agentfleet.model.Agent;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SubAgent;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which shard of {@code agents/} or {@code sub-agents/} an agent's or a sub-agent's file sits in when the fleet sets
 * {@code gitops.agentShards} or {@code gitops.subAgentShards} above 1: CRC-32 of its id (UTF-8), modulo the number
 * of shards. A function of the id and that number only, so an agent stays in its shard, and its Argo CD Application
 * or Flux Kustomization, however many others are added or removed; only a new number of shards moves them. CRC-32
 * (java.util.zip, the zlib polynomial) gives the same answer on every JVM and in any other tool that wants to
 * predict it.
 */
public final class Shards {
  /** The folder of the standard agents' files. */
  public static final String AGENTS = "agents";
  /** The folder of the sub-agents' files. */
  public static final String SUB_AGENTS = "sub-agents";
  /** The prefix of a shard's folder: {@code shard-00}, {@code shard-01} … */
  public static final String PREFIX = "shard-";

  private Shards() {}

  /** The shard an id belongs to, 0 … shards − 1. */
  public static int of(String id, int shards) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  /** The folder of shard {@code n}: two digits at least, as many as the largest shard number needs. */
  public static String folder(int n, int shards) {
    int width = Math.max(2, Integer.toString(shards - 1).length());
    return PREFIX + String.format(java.util.Locale.ROOT, "%0" + width + "d", n);
  }

  /** The file of a sub-agent: {@code sub-agents/[shard-<n>/]<name>.yaml}. */
  public static String path(Fleet fleet, SubAgent s) {
    return path(SUB_AGENTS, s.id(), s.name(), fleet.gitops().subAgentShards());
  }

  /** The file of a standard agent: {@code agents/[shard-<n>/]<name>.yaml}. */
  public static String path(Fleet fleet, Agent a) {
    return path(AGENTS, a.id(), a.name(), fleet.gitops().agentShards());
  }

  private static String path(String folder, String id, String name, int shards) {
    return folder + "/" + (shards <= 1 ? "" : folder(of(id, shards), shards) + "/") + name + ".yaml";
  }

  /** The field of fleet.yaml that shares out a folder's files, if one does. */
  public static java.util.Optional<String> field(String folder) {
    return switch (folder) {
      case AGENTS -> java.util.Optional.of("gitops.agentShards");
      case SUB_AGENTS -> java.util.Optional.of("gitops.subAgentShards");
      default -> java.util.Optional.empty();
    };
  }

  /** The number of shards a fleet sets for a folder (1 for a folder not shared out). */
  public static int count(Fleet fleet, String folder) {
    return switch (folder) {
      case AGENTS -> fleet.gitops().agentShards();
      case SUB_AGENTS -> fleet.gitops().subAgentShards();
      default -> 1;
    };
  }
}
