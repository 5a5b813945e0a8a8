// FailingWalFs: a RocksDB file system whose WAL syncs fail once a flag is set, as a full or
// broken disk would; for tests of the log's failed state.
#ifndef SWITCHBOARD_TESTS_SUPPORT_FAILING_WAL_FS_H_
#define SWITCHBOARD_TESTS_SUPPORT_FAILING_WAL_FS_H_

#include <atomic>
#include <memory>
#include <string>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

namespace sb::testing {

// Makes every WAL sync fail once `fail` is set, as a full or broken disk would.
class FailingWalFs : public rocksdb::FileSystemWrapper {
 public:
  explicit FailingWalFs(std::atomic<bool>* fail)
      : FileSystemWrapper(rocksdb::FileSystem::Default()), fail_(fail) {}
  const char* Name() const override { return "FailingWalFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = target()->NewWritableFile(name, options, file, dbg);
    if (s.ok() && name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) {
      *file = std::make_unique<WalFile>(std::move(*file), fail_);
    }
    return s;
  }

 private:
  class WalFile : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    WalFile(std::unique_ptr<rocksdb::FSWritableFile> f, std::atomic<bool>* fail)
        : FSWritableFileOwnerWrapper(std::move(f)), fail_(fail) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (*fail_) return rocksdb::IOStatus::IOError("injected sync failure");
      return FSWritableFileOwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* d) override {
      if (*fail_) return rocksdb::IOStatus::IOError("injected sync failure");
      return FSWritableFileOwnerWrapper::Fsync(o, d);
    }

   private:
    std::atomic<bool>* fail_;
  };
  std::atomic<bool>* fail_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_FAILING_WAL_FS_H_
