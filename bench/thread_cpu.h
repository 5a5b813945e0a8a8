// CPU time of this process's threads, by thread name (from /proc/self/task), so that a
// benchmark can say where its CPU went: the server's HTTP threads, the actors, the log, the
// projections, and its own load generator (threads it leaves unnamed).
#ifndef SWITCHBOARD_BENCH_THREAD_CPU_H_
#define SWITCHBOARD_BENCH_THREAD_CPU_H_

#include <map>
#include <string>
#include <vector>

namespace sb::bench {

// CPU seconds (user + system) used so far by the threads alive now, summed by thread name.
std::map<std::string, double> ThreadCpuSeconds();

// The process's CPU so far: by live thread, and in total (ended threads included).
struct CpuSnapshot {
  std::map<std::string, double> by_thread_name;
  double process_seconds = 0;
};
CpuSnapshot TakeCpuSnapshot();

// The CPU used between two snapshots by each part of the server (its threads' names), in a
// fixed order, and last "load and other": the rest of the process's CPU, which is the
// benchmark's own load generator when the server runs in the same process.
struct CpuShare {
  std::string group;
  double seconds = 0;
};
std::vector<CpuShare> CpuByGroup(const CpuSnapshot& before, const CpuSnapshot& after);

// The seconds of all the shares together.
double TotalSeconds(const std::vector<CpuShare>& shares);

// "http 120, actors 300, ..." in µs per `unit` (a request, a task), for a printed line.
std::string FormatCpuPer(const std::vector<CpuShare>& shares, double units);

}  // namespace sb::bench

#endif  // SWITCHBOARD_BENCH_THREAD_CPU_H_
