// Child process of the crash test: appends from several threads until it is killed, and
// reports each acknowledged event on stdout as one line, written only after the append was
// acknowledged (so after it was durable):
//   <position> <stream> <version> <event id> <payload>
#include <unistd.h>

#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"

namespace {

// One write(2) per line: a pipe write under PIPE_BUF bytes is atomic, so a SIGKILL can never
// leave half a line behind.
void Report(const std::string& line) {
  size_t off = 0;
  while (off < line.size()) {
    ssize_t n = write(STDOUT_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) _exit(3);
    off += static_cast<size_t>(n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: crash_appender DIR ROUND THREADS\n";
    return 2;
  }
  const std::string dir = argv[1];
  const int round = std::stoi(argv[2]);
  const int threads = std::stoi(argv[3]);
  auto store = sb::es::EventStore::Open(dir);
  if (!store.ok()) {
    std::cerr << "crash_appender: " << store.status().ToString() << "\n";
    return 1;
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (uint64_t seq = 0;; ++seq) {
        const std::string stream = "crash/s/" + std::to_string((t * 7 + seq) % 11);
        std::vector<sb::es::EventData> events(1 + seq % 3);
        for (size_t k = 0; k < events.size(); ++k) {
          events[k].id = sb::es::NewEventId();
          events[k].type = "Crashed";
          events[k].payload = "{\"round\":" + std::to_string(round) +
                              ",\"thread\":" + std::to_string(t) +
                              ",\"seq\":" + std::to_string(seq) + ",\"k\":" + std::to_string(k) +
                              ",\"pad\":\"" + std::string(200, 'a' + (seq + k) % 26) + "\"}";
        }
        auto r = (*store)->Append(stream, sb::es::ExpectedVersion::Any(), events);
        if (!r.status.ok()) {
          std::cerr << "crash_appender: " << r.status.ToString() << "\n";
          _exit(1);
        }
        std::string lines;
        for (size_t k = 0; k < events.size(); ++k) {
          lines += std::to_string(r.first_position + k) + " " + stream + " " +
                   std::to_string(r.stream_version - (events.size() - 1 - k)) + " " +
                   sb::es::ToString(events[k].id) + " " + events[k].payload + "\n";
        }
        Report(lines);
      }
    });
  }
  for (auto& w : workers) w.join();
}
