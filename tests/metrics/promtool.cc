#include "tests/metrics/promtool.h"

#include <stdio.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

ToolRun Run(const std::string& command) {
  ToolRun run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

}  // namespace

ToolRun PromtoolCheckMetrics(const std::string& exposition) {
  TempDir dir;
  const std::string path = dir.Sub("scrape.txt");
  std::ofstream(path, std::ios::binary) << exposition;
  return Run(Quote(SB_PROMTOOL) + " check metrics < " + Quote(path));
}

ToolRun PromtoolCheckRules(const std::string& path) {
  return Run(Quote(SB_PROMTOOL) + " check rules " + Quote(path));
}

ToolRun PromtoolTestRules(const std::string& path) {
  return Run(Quote(SB_PROMTOOL) + " test rules " + Quote(path));
}

std::string SourcePath(const std::string& relative) {
  return std::string(SB_SOURCE_DIR) + "/" + relative;
}

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(SourcePath(relative), std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace sb::testing
