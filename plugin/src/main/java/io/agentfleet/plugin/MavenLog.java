package io.agentfleet.plugin;

import io.agentfleet.cli.FleetRun;
import org.apache.maven.plugin.logging.Log;

/** Maven's log as a run's: what the library's goals report goes to the build log at its level. */
final class MavenLog implements FleetRun.Log {
  private final Log log;

  MavenLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String line) {
    log.info(line);
  }

  @Override
  public void warn(String line) {
    log.warn(line);
  }

  @Override
  public void error(String line) {
    log.error(line);
  }
}
