// FailingWalFs: a RocksDB file system whose WAL syncs fail once a flag is set, as a full or
// broken disk would, or wait while a gate is closed, as a slow disk would; for tests of the
// log's failed state and of what it shows before a sync completes.
#ifndef SWITCHBOARD_TESTS_SUPPORT_FAILING_WAL_FS_H_
#define SWITCHBOARD_TESTS_SUPPORT_FAILING_WAL_FS_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

namespace sb::testing {

// While `closed` is set, WAL syncs wait; `waiting` counts the syncs held.
struct SyncGate {
  std::atomic<bool> closed{false};
  std::atomic<int> waiting{0};
  std::atomic<int> let_through{0};  // while closed: how many more syncs may pass

  void Pass() {
    if (!closed) return;
    ++waiting;
    for (;;) {
      int allowed = let_through.load();
      if (!closed || (allowed > 0 && let_through.compare_exchange_weak(allowed, allowed - 1))) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    --waiting;
  }
};

// Makes every WAL sync fail once `fail` is set, and wait at `gate` (if any) first.
class FailingWalFs : public rocksdb::FileSystemWrapper {
 public:
  explicit FailingWalFs(std::atomic<bool>* fail, SyncGate* gate = nullptr)
      : FileSystemWrapper(rocksdb::FileSystem::Default()), fail_(fail), gate_(gate) {}
  const char* Name() const override { return "FailingWalFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = target()->NewWritableFile(name, options, file, dbg);
    if (s.ok() && name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) {
      *file = std::make_unique<WalFile>(std::move(*file), fail_, gate_);
    }
    return s;
  }

 private:
  class WalFile : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    WalFile(std::unique_ptr<rocksdb::FSWritableFile> f, std::atomic<bool>* fail, SyncGate* gate)
        : FSWritableFileOwnerWrapper(std::move(f)), fail_(fail), gate_(gate) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (gate_ != nullptr) gate_->Pass();
      if (*fail_) return rocksdb::IOStatus::IOError("injected sync failure");
      return FSWritableFileOwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (gate_ != nullptr) gate_->Pass();
      if (*fail_) return rocksdb::IOStatus::IOError("injected sync failure");
      return FSWritableFileOwnerWrapper::Fsync(o, d);
    }

   private:
    std::atomic<bool>* fail_;
    SyncGate* gate_;
  };
  std::atomic<bool>* fail_;
  SyncGate* gate_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_FAILING_WAL_FS_H_
