package io.agentfleet.generate.database;

import io.agentfleet.generate.platform.PlatformPlan;
import io.agentfleet.generate.spi.Document;
import io.agentfleet.generate.spi.Generator;
import io.agentfleet.generate.spi.ManifestFile;
import io.agentfleet.model.DatabaseMode;
import io.agentfleet.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code database/}: the PostgreSQL cluster (CloudNativePG or a StatefulSet), its backups, its network policies and
 * credentials, {@code restore.sh} and a README, all from one {@link SqlPlan}. Nothing when the fleet has no agent.
 */
public final class DatabaseGenerator implements Generator {
  @Override
  public String folder() {
    return "database";
  }

  @Override
  public List<ManifestFile> generate(Fleet fleet, PlatformPlan platform) {
    if (!fleet.database().enabled()) {
      return List.of();
    }
    SqlPlan plan = SqlPlan.of(fleet);
    boolean cnpg = fleet.database().mode() == DatabaseMode.CLOUDNATIVE_PG;
    List<ManifestFile> files = new ArrayList<>();
    files.add(ManifestFile.yaml("database/postgres-cluster.yaml",
        cnpg ? CloudNativePg.cluster(fleet, plan) : StatefulSetMode.cluster(fleet, plan)));
    List<Document> backup = new ArrayList<>();
    backup.add(BackupJobs.scripts(fleet, plan));
    backup.addAll(BackupJobs.documents(fleet, plan));
    if (cnpg) {
      backup.addAll(CloudNativePg.backup(fleet));
    }
    files.add(ManifestFile.yaml("database/postgres-backup.yaml", backup));
    files.add(ManifestFile.yaml("database/network-policies.yaml", DatabaseNetwork.documents(fleet)));
    List<Document> secrets = DatabaseSecrets.documents(fleet, plan);
    if (!secrets.isEmpty()) {
      files.add(ManifestFile.yaml("database/secrets.yaml", secrets));
    }
    files.add(ManifestFile.text("database/restore.sh", DatabaseScripts.restore(fleet, plan)));
    files.add(ManifestFile.text("database/README.md", DatabaseReadme.text(fleet, plan)));
    return files;
  }
}
