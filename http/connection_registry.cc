#include "http/connection_registry.h"

#include <atomic>

namespace sb::http {

uint64_t NextConnectionId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

bool ConnectionRegistry::Add(uint64_t id, std::weak_ptr<Connection> connection) {
  std::lock_guard lock(mu_);
  if (stopping_) return false;
  live_.emplace(id, std::move(connection));
  return true;
}

void ConnectionRegistry::Remove(uint64_t id) {
  std::lock_guard lock(mu_);
  live_.erase(id);
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::StopAndList() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  return List();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::List() {
  // The shared_ptrs are released by the caller, outside the lock: a last release runs the
  // connection's destructor, which calls Remove.
  std::vector<std::shared_ptr<Connection>> out;
  std::lock_guard lock(mu_);
  out.reserve(live_.size());
  for (const auto& [id, weak] : live_) {
    if (auto connection = weak.lock()) out.push_back(std::move(connection));
  }
  return out;
}

}  // namespace sb::http
