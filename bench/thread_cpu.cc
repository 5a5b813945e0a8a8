#include "bench/thread_cpu.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sb::bench {
namespace {

// Thread-name prefixes of the server's parts (see the pthread_setname_np calls), in print order.
struct Group {
  const char* name;
  std::vector<const char*> prefixes;
};
const std::vector<Group>& Groups() {
  static const std::vector<Group> groups = {
      {"http", {"sb-http"}},
      {"actors", {"caf.", "sb-timers"}},
      {"entity io", {"sb-entity-io"}},
      {"log", {"sb-log-"}},
      {"router", {"sb-router"}},
      {"projections", {"sb-projection", "sb-scan", "sb-directory"}},
      {"queries and feeds", {"sb-query", "sb-feed", "sb-outbound"}},
      {"rocksdb", {"rocksdb:"}},
  };
  return groups;
}

std::string GroupOf(const std::string& thread) {
  for (const Group& g : Groups()) {
    for (const char* prefix : g.prefixes) {
      if (thread.rfind(prefix, 0) == 0) return g.name;
    }
  }
  return "";  // not the server's
}

}  // namespace

std::map<std::string, double> ThreadCpuSeconds() {
  std::map<std::string, double> by_name;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream in(task.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;  // the thread ended meanwhile
    const size_t open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    for (int i = 0; i < 11; ++i) rest >> field;  // state … cmajflt
    double user = 0, system = 0;
    rest >> user >> system;
    by_name[line.substr(open + 1, close - open - 1)] += (user + system) / ticks;
  }
  return by_name;
}

CpuSnapshot TakeCpuSnapshot() {
  CpuSnapshot snapshot;
  snapshot.by_thread_name = ThreadCpuSeconds();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  snapshot.process_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return snapshot;
}

std::vector<CpuShare> CpuByGroup(const CpuSnapshot& before, const CpuSnapshot& after) {
  std::map<std::string, double> used;
  double named = 0;
  for (const auto& [name, seconds] : after.by_thread_name) {
    const std::string group = GroupOf(name);
    if (group.empty()) continue;
    auto was = before.by_thread_name.find(name);
    const double delta = seconds - (was == before.by_thread_name.end() ? 0 : was->second);
    used[group] += delta;
    named += delta;
  }
  std::vector<CpuShare> shares;
  for (const Group& g : Groups()) shares.push_back({g.name, used[g.name]});
  shares.push_back(
      {"load and other", std::max(0.0, after.process_seconds - before.process_seconds - named)});
  return shares;
}

double TotalSeconds(const std::vector<CpuShare>& shares) {
  double total = 0;
  for (const CpuShare& s : shares) total += s.seconds;
  return total;
}

std::string FormatCpuPer(const std::vector<CpuShare>& shares, double units) {
  std::string out;
  const double total = TotalSeconds(shares);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f us: ", units > 0 ? total * 1e6 / units : 0.0);
  out += buf;
  for (size_t i = 0; i < shares.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%s %.0f", i ? ", " : "", shares[i].group.c_str(),
                  units > 0 ? shares[i].seconds * 1e6 / units : 0.0);
    out += buf;
  }
  return out;
}

}  // namespace sb::bench
