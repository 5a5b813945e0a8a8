// Runs promtool (Debian package `prometheus`, installed by ops/bootstrap.sh) the way an
// operator would: `promtool check metrics` on a scrape, `promtool check rules` on a file.
#ifndef SWITCHBOARD_TESTS_METRICS_PROMTOOL_H_
#define SWITCHBOARD_TESTS_METRICS_PROMTOOL_H_

#include <string>
#include <vector>

namespace sb::testing {

struct ToolRun {
  int exit_code = -1;  // -1: it could not be run at all
  std::string output;  // stdout and stderr together
};

// `promtool check metrics` with `exposition` on its stdin (it lints as well as parses).
ToolRun PromtoolCheckMetrics(const std::string& exposition);
// `promtool check rules PATH`.
ToolRun PromtoolCheckRules(const std::string& path);
// `promtool test rules PATH` (a rules unit-test file).
ToolRun PromtoolTestRules(const std::string& path);

// A file of the source tree, e.g. "ops/prometheus/alerts.yml", read whole ("" if missing).
std::string ReadSourceFile(const std::string& relative);
std::string SourcePath(const std::string& relative);

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_METRICS_PROMTOOL_H_
