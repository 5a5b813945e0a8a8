// The server's live connections, so that Stop can close each of them. Internal to http/.
#ifndef SWITCHBOARD_HTTP_CONNECTION_REGISTRY_H_
#define SWITCHBOARD_HTTP_CONNECTION_REGISTRY_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace sb::http {

class Connection {
 public:
  virtual ~Connection() = default;
  // Starts closing. Thread-safe (posts to the connection's strand).
  virtual void Shutdown() = 0;
  // Called after the I/O threads are joined, for connections that did not finish closing in
  // time: must do what the lost completion handlers would have done (e.g. OnClose).
  virtual void ForceClosed() = 0;
};

// A process-wide sequence: connection ids stay unique across servers (WebSocketPeer::id).
uint64_t NextConnectionId();

class ConnectionRegistry {
 public:
  // False once stopping: the caller must close the connection instead of serving it.
  bool Add(uint64_t id, std::weak_ptr<Connection> connection);
  void Remove(uint64_t id);
  // Refuses new connections from now on and returns the live ones.
  std::vector<std::shared_ptr<Connection>> StopAndList();
  std::vector<std::shared_ptr<Connection>> List();

 private:
  std::mutex mu_;
  bool stopping_ = false;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> live_;
};

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_CONNECTION_REGISTRY_H_
