// BlockingPool: threads of their own for blocking work (RocksDB reads, snapshot writes), so
// that neither a CAF worker nor an Asio I/O thread ever waits on the disk.
#ifndef SWITCHBOARD_ACTORS_BLOCKING_POOL_H_
#define SWITCHBOARD_ACTORS_BLOCKING_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sb::actors {

class BlockingPool {
 public:
  // `name` (at most 15 characters) names the threads, for top, perf and the benchmarks.
  BlockingPool(int threads, const char* name);
  // Runs the jobs already queued, then joins.
  ~BlockingPool();
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  // Never blocks. Jobs run in FIFO order across the pool's threads.
  void Post(std::function<void()> job);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_BLOCKING_POOL_H_
