package io.agentfleet.generate.cicd;

import io.agentfleet.generate.kit.Labels;
import io.agentfleet.generate.spi.YamlRenderer;
import io.agentfleet.model.Agent;
import io.agentfleet.model.Fleet;
import io.agentfleet.model.SubAgent;
import java.util.Locale;

/**
 * {@code ci-cd/github-actions.yaml}: the pull-request gate. Regenerates the tree with the plugin the repository's
 * {@code pom.xml} declares (a released version, from Maven Central) and fails on drift,
 * validates it with a pinned kubeconform ({@code -strict}, the fleet's Kubernetes version, CRD schemas), and posts
 * per agent what the pull request changes. Nothing runs on main: Argo CD and Flux pull from Git. Every action and
 * tool is pinned to a version.
 */
final class Workflow {
  static final String CHECKOUT = "actions/checkout@v4.2.2";
  static final String SETUP_JAVA = "actions/setup-java@v4.7.1";
  static final String GITHUB_SCRIPT = "actions/github-script@v7.0.1";
  static final String KUBECONFORM_VERSION = "v0.7.0";
  /** Where GitHub reads workflows from, in the GitOps repository. */
  static final String GITHUB_DIR = ".github/workflows/";
  /** The pull-request label that lets a change delete a volume, a database or its Secret. */
  static final String ALLOW_STATEFUL_DELETION = "allow-stateful-deletion";

  private Workflow() {}

  /**
   * The workflow's name: {@code agentfleet}, with the environment's suffix outside production
   * ({@code agentfleet-dev}), so that every environment of one GitOps repository has its own workflow file, its own
   * pull-request comment and its own concurrency group instead of overwriting the others'.
   */
  static String name(Fleet fleet) {
    return "agentfleet" + fleet.name().substring(Labels.sharedName(fleet, fleet.name()).length());
  }

  /** Where GitHub reads this workflow from, in the GitOps repository: {@code .github/workflows/agentfleet.yaml}. */
  static String githubPath(Fleet fleet) {
    return GITHUB_DIR + name(fleet) + ".yaml";
  }

  /**
   * The JVM options for Maven on the runner; the README recommends the same: the parallel collector (it copies with
   * every core while the generation is stopped anyway), the client compiler only, 2 MiB pages, and a first heap of
   * 512 MiB whose young generation stays at 128 MiB, so that a large fleet's tree fits the old generation without a
   * full collection while the young one stays small.
   */
  static final String MAVEN_OPTS =
      "-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:+UseTransparentHugePages -Xms512m -Xmn128m";

  /** Where the summary step finds the fleet's agents, in the tree. */
  static final String AGENTS_FILE = "ci-cd/agents.txt";

  /**
   * {@link #AGENTS_FILE}: one line per agent and sub-agent in the fleet's order, its id (upper case) and the name its
   * files carry ({@code agents/<name>.yaml}, {@code sub-agents/<name>.yaml}), read by the summary step. A file of its
   * own rather than a list inside the step: GitHub starts no run of a workflow file over 512 000 bytes
   * (docs.github.com/en/actions/reference/limits), and runs reported stopping on one step's script of some 20 000
   * characters (JiRaska/open-bank-oss#3082, bisected against GitHub), which a list of a few hundred agents passes;
   * so the workflow stays the same size whatever the fleet's. Ids and names are DNS labels, without spaces.
   */
  static String agents(Fleet fleet) {
    StringBuilder sb = new StringBuilder(YamlRenderer.HEADER)
        .append("# The agents of the fleet, for the pull-request summary of github-actions.yaml: id, then the name\n")
        .append("# of its files (agents/<name>.yaml, sub-agents/<name>.yaml), in the fleet's order.\n");
    for (Agent a : fleet.agents()) {
      sb.append(a.id().toUpperCase(Locale.ROOT)).append(' ').append(a.name()).append('\n');
    }
    for (SubAgent s : fleet.subAgents()) {
      sb.append(s.id().toUpperCase(Locale.ROOT)).append(' ').append(s.name()).append('\n');
    }
    return sb.toString();
  }

  static String text(Fleet fleet, String path, String profile) {
    String name = name(fleet);
    String githubPath = githubPath(fleet);
    String marker = "<!-- " + name + "-summary -->";
    return YamlRenderer.HEADER
        + "# The pull-request gate of the " + fleet.name() + " GitOps repository. GitHub reads workflows only from\n"
        + "# " + githubPath + ": copy this file there and keep both equal\n"
        + "# (regenerating updates this one; `cp ci-cd/github-actions.yaml " + "../".repeat(path.split("/").length) + githubPath + "` from the tree).\n"
        + "# It runs on pull requests only. Nothing here deploys: Argo CD (or Flux) pulls the merged tree from Git.\n"
        + "name: " + name + "\n"
        + "on:\n"
        + "  pull_request:\n"
        + "    # labeled/unlabeled: adding " + ALLOW_STATEFUL_DELETION + " re-runs the object review.\n"
        + "    types: [opened, synchronize, reopened, labeled, unlabeled]\n"
        + (isBranch(fleet.gitops().revision()) ? "    branches: [" + fleet.gitops().revision() + "]\n" : "")
        + "permissions:\n"
        + "  contents: read\n"
        + "  pull-requests: write\n"
        + "concurrency:\n"
        + "  group: " + name + "-${{ github.event.pull_request.number }}\n"
        + "  cancel-in-progress: true\n"
        + "env:\n"
        + "  TREE: " + path + "\n"
        + "  PROFILE: " + profile + "\n"
        + "  KUBECONFORM_VERSION: " + KUBECONFORM_VERSION + "\n"
        + "  KUBERNETES_VERSION: " + fleet.kubernetesVersion() + ".0\n"
        + "  # Maven runs jobs of seconds here: the parallel collector, the client compiler only, a first heap of\n"
        + "  # 512 MiB with a 128 MiB young generation and, the runner being Linux, transparent huge pages (the\n"
        + "  # agentfleet README, \"Large fleets on small machines\").\n"
        + "  MAVEN_OPTS: \"" + MAVEN_OPTS + "\"\n"
        + "jobs:\n"
        + "  tree:\n"
        + "    name: generated tree is fresh and valid\n"
        + "    runs-on: ubuntu-24.04\n"
        + "    timeout-minutes: 20\n"
        + "    steps:\n"
        + "      - uses: " + CHECKOUT + "\n"
        + "        with:\n"
        + "          fetch-depth: 0\n"
        + "      - uses: " + SETUP_JAVA + "\n"
        + "        with:\n"
        + "          distribution: temurin\n"
        + "          java-version: \"17\"\n"
        + "          cache: maven\n"
        + "      # The plugin comes from this repository's pom.xml, as on a laptop: it declares\n"
        + "      # io.agentfleet:agentfleet-maven-plugin at a released version, which Maven downloads from Maven Central.\n"
        + "      # A -SNAPSHOT exists only in the local repository of the machine that built it, never on a runner.\n"
        + "      - name: The plugin is declared at a released version\n"
        + "        run: |\n"
        + "          mvn -B -q help:effective-pom -Doutput=\"$RUNNER_TEMP/effective-pom.xml\"\n"
        + "          version=$(grep -A1 '<artifactId>agentfleet-maven-plugin</artifactId>' \"$RUNNER_TEMP/effective-pom.xml\" \\\n"
        + "            | sed -n 's:.*<version>\\(.*\\)</version>.*:\\1:p' | head -n 1)\n"
        + "          if [ -z \"$version\" ]; then\n"
        + "            echo \"::error file=pom.xml::pom.xml does not declare io.agentfleet:agentfleet-maven-plugin (see the agentfleet README)\"\n"
        + "            exit 1\n"
        + "          fi\n"
        + "          case \"$version\" in\n"
        + "            *-SNAPSHOT) echo \"::error file=pom.xml::agentfleet-maven-plugin $version is a development build; declare a released version\"\n"
        + "                        exit 1 ;;\n"
        + "          esac\n"
        + "          echo \"agentfleet-maven-plugin $version\"\n"
        + "      # Regenerates in memory and fails, file by file, when the committed tree differs from fleet.yaml.\n"
        + "      - name: Regenerate and fail on drift\n"
        + "        run: mvn -B agentfleet:check -Dagentfleet.profile=\"$PROFILE\"\n"
        + "      - name: Install kubeconform (pinned, checksum verified)\n"
        + "        run: |\n"
        + "          base=\"https://github.com/yannh/kubeconform/releases/download/${KUBECONFORM_VERSION}\"\n"
        + "          curl -fsSL -o kubeconform-linux-amd64.tar.gz \"$base/kubeconform-linux-amd64.tar.gz\"\n"
        + "          curl -fsSL -o CHECKSUMS \"$base/CHECKSUMS\"\n"
        + "          grep ' kubeconform-linux-amd64.tar.gz$' CHECKSUMS | sha256sum -c -\n"
        + "          tar -xzf kubeconform-linux-amd64.tar.gz kubeconform\n"
        + "      # -strict rejects unknown fields (without it a misspelt spec passes); CRDs are checked against the\n"
        + "      # CRDs-catalog schemas, never skipped; kustomizations and this workflow are not Kubernetes objects.\n"
        + "      - name: Validate with kubeconform\n"
        + "        run: |\n"
        + "          ./kubeconform -strict -summary -output text \\\n"
        + "            -kubernetes-version \"$KUBERNETES_VERSION\" \\\n"
        + "            -schema-location default \\\n"
        + "            -schema-location 'https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json' \\\n"
        + "            -ignore-filename-pattern 'kustomization\\.yaml$' \\\n"
        + "            -ignore-filename-pattern 'github-actions\\.yaml$' \\\n"
        + "            \"$TREE\"\n"
        + "      # What the pull request changes in the tree, grouped by the agent each file is named after\n"
        + "      # (agents/<name>.yaml, sub-agents/<name>.yaml; " + AGENTS_FILE + " lists them); every other file is\n"
        + "      # shared. One pass of awk over the changes, whatever the number of agents; a file name is matched whole,\n"
        + "      # never as part of a longer one.\n"
        + "      # GitHub refuses a comment over 65 536 characters and drops a step summary over 1 MiB: the comment\n"
        + "      # (summary.md) and the job summary each take the sections that fit, in order, and say how many are\n"
        + "      # left out; the step's log holds them all.\n"
        + "      - name: Summarise changes per agent\n"
        + "        env:\n"
        + "          BASE_SHA: ${{ github.event.pull_request.base.sha }}\n"
        + "        run: |\n"
        + "          git diff --numstat --no-renames \"$BASE_SHA\" HEAD -- \"$TREE\" > changes.txt\n"
        + "          agents=\"$TREE/" + AGENTS_FILE + "\"\n"
        + "          [ -f \"$agents\" ] || agents=/dev/null\n"
        + "          awk -F'\\t' '\n"
        + "            function write(file, budget,   i, size) {\n"
        + "              printf \"%s\", top > file\n"
        + "              size = length(top)\n"
        + "              for (i = 1; i <= m && size + length(part[i]) <= budget; i++) {\n"
        + "                printf \"%s\", part[i] > file\n"
        + "                size += length(part[i])\n"
        + "              }\n"
        + "              if (i <= m) printf \"%d of %d sections left out here; the log of the workflow step \\\"Summarise changes per agent\\\" lists them all.\\n\", m - i + 1, m > file\n"
        + "              close(file)\n"
        + "            }\n"
        + "            FILENAME == ARGV[1] { if (NF && $0 !~ /^#/) { split($0, o, \" \"); id[o[2]] = o[1]; order[++n] = o[2] }; next }\n"
        + "            {\n"
        + "              file = $3; sub(/.*\\//, \"\", file); sub(/\\.yaml$/, \"\", file)\n"
        + "              row = \"| \" $3 \" | \" $1 \" | \" $2 \" |\\n\"\n"
        + "              if (file in id) rows[file] = rows[file] row; else shared = shared row\n"
        + "              changed++\n"
        + "            }\n"
        + "            END {\n"
        + "              top = \"" + marker + "\\n## Generated tree \" ENVIRON[\"TREE\"] \": changes per agent\\n\\n\"\n"
        + "              if (!changed) top = top \"No change in the generated tree.\\n\"\n"
        + "              head = \"\\n\\n| file | + | - |\\n|---|---|---|\\n\"\n"
        + "              for (i = 1; i <= n; i++) {\n"
        + "                if (order[i] in rows) part[++m] = \"### \" id[order[i]] \" (\" order[i] \")\" head rows[order[i]] \"\\n\"\n"
        + "              }\n"
        + "              if (shared != \"\") part[++m] = \"### shared\" head shared\n"
        + "              write(\"summary.md\", 60000)\n"
        + "              write(\"job-summary.md\", 1000000)\n"
        + "              write(\"/dev/stdout\", 2 ^ 53)\n"
        + "            }' \"$agents\" changes.txt\n"
        + "          cat job-summary.md >> \"$GITHUB_STEP_SUMMARY\"\n"
        + "      # Forks get a read-only token: the summary then stays in the job summary only.\n"
        + "      - name: Post the summary on the pull request\n"
        + "        if: github.event.pull_request.head.repo.full_name == github.repository\n"
        + "        uses: " + GITHUB_SCRIPT + "\n"
        + "        with:\n"
        + "          script: |\n"
        + "            const body = require('fs').readFileSync('summary.md', 'utf8');\n"
        + "            const { owner, repo } = context.repo;\n"
        + "            const issue_number = context.payload.pull_request.number;\n"
        + "            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number });\n"
        + "            const mine = comments.find(c => c.body.startsWith('" + marker + "'));\n"
        + "            if (mine) {\n"
        + "              await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });\n"
        + "            } else {\n"
        + "              await github.rest.issues.createComment({ owner, repo, issue_number, body });\n"
        + "            }\n"
        + "      # What the pull request changes object by object (HPA maxReplicas 6 → 8, quota, images, RBAC, the\n"
        + "      # connection matrix), flags first, appended to the job summary. It runs after the per-agent comment\n"
        + "      # is posted, so a failing review never holds that comment back. A change that deletes a volume, a\n"
        + "      # database or its Secret fails here unless the pull request carries the label " + ALLOW_STATEFUL_DELETION + ".\n"
        + "      - name: Review changes object by object\n"
        + "        env:\n"
        + "          BASE_SHA: ${{ github.event.pull_request.base.sha }}\n"
        + "          ALLOW_STATEFUL_DELETION: ${{ contains(github.event.pull_request.labels.*.name, '"
        + ALLOW_STATEFUL_DELETION + "') }}\n"
        + "        run: |\n"
        + "          status=0\n"
        + "          mvn -B agentfleet:diff -Dagentfleet.profile=\"$PROFILE\" \\\n"
        + "            -Dagentfleet.diff.base=\"$BASE_SHA\" -Dagentfleet.diff.head=HEAD \\\n"
        + "            -Dagentfleet.diff.output=\"$RUNNER_TEMP/agentfleet-diff.md\" \\\n"
        + "            -Dagentfleet.diff.allowStatefulDeletion=\"$ALLOW_STATEFUL_DELETION\" || status=$?\n"
        + "          if [ -f \"$RUNNER_TEMP/agentfleet-diff.md\" ]; then\n"
        + "            cat \"$RUNNER_TEMP/agentfleet-diff.md\" >> \"$GITHUB_STEP_SUMMARY\"\n"
        + "          fi\n"
        + "          exit \"$status\"\n";
  }

  /** A plain branch name (not {@code refs/…}, not a commit id): pull requests target it. */
  static boolean isBranch(String revision) {
    return !revision.startsWith("refs/") && !revision.matches("^[0-9a-f]{40}$");
  }
}
