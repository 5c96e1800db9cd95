package io.agentfleet.generate.kit;

import io.agentfleet.model.Fleet;
import io.agentfleet.model.SubAgent;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which shard of {@code sub-agents/} a sub-agent's file sits in when the fleet sets {@code gitops.subAgentShards}
 * above 1: CRC-32 of its id (UTF-8), modulo the number of shards. A function of the id and that number only, so a
 * sub-agent stays in its shard, and its Argo CD Application or Flux Kustomization, however many others are added
 * or removed; only a new number of shards moves sub-agents. CRC-32 (java.util.zip, the zlib polynomial) gives the
 * same answer on every JVM and in any other tool that wants to predict it.
 */
public final class SubAgentShards {
  /** The folder of the sub-agents' files. */
  public static final String FOLDER = "sub-agents";
  /** The prefix of a shard's folder: {@code shard-00}, {@code shard-01} … */
  public static final String PREFIX = "shard-";

  private SubAgentShards() {}

  /** The shard a sub-agent belongs to, 0 … shards − 1. */
  public static int of(String id, int shards) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  /** The sub-agent's shard folder inside {@code sub-agents/}, or "" when the fleet does not shard. */
  public static String folderOf(Fleet fleet, SubAgent s) {
    int shards = fleet.gitops().subAgentShards();
    return shards <= 1 ? "" : folder(of(s.id(), shards), shards);
  }

  /** The folder of shard {@code n}: two digits at least, as many as the largest shard number needs. */
  public static String folder(int n, int shards) {
    int width = Math.max(2, Integer.toString(shards - 1).length());
    return PREFIX + String.format(java.util.Locale.ROOT, "%0" + width + "d", n);
  }
}
