// WsSwarm: many WebSocket consoles read by one client thread, for benchmarks that need every
// console of a large tenant connected (a thread per socket would cost more than the server).
// Beast stays in ws_swarm.cc.
#ifndef SWITCHBOARD_BENCH_WS_SWARM_H_
#define SWITCHBOARD_BENCH_WS_SWARM_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace sb::bench {

class WsSwarm {
 public:
  // Called on the swarm's thread with the index of the console (in `targets`) and a text frame.
  using OnMessage = std::function<void(size_t console, std::string_view text)>;

  // Connects one console to 127.0.0.1:`port` for each target (e.g. "/ws?token=..."), one after
  // the other, then reads them all on a thread of its own. IOError naming the first console
  // that could not connect.
  static Result<std::unique_ptr<WsSwarm>> Connect(uint16_t port,
                                                  const std::vector<std::string>& targets,
                                                  OnMessage on_message);
  ~WsSwarm();  // stops reading and drops the connections
  WsSwarm(const WsSwarm&) = delete;
  WsSwarm& operator=(const WsSwarm&) = delete;

 private:
  struct Impl;
  explicit WsSwarm(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::bench

#endif  // SWITCHBOARD_BENCH_WS_SWARM_H_
