#include "eventstore/wal_file_system.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "eventstore/record_codec.h"

namespace sb::es {
namespace {

using rocksdb::FileOptions;
using rocksdb::FSSequentialFile;
using rocksdb::FSWritableFile;
using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;
using rocksdb::Slice;

constexpr uint64_t kZeroChunk = 1 << 20;
// How far ahead of the writer the zeros reach: more than the writer appends while a chunk is
// being written, so it does not wait for the zeroer.
constexpr uint64_t kZeroAhead = 4 * kZeroChunk;
// Where the zeros start when the writer has caught up with them (a new file, say): this far
// ahead, so that its next appends do not wait for the chunk. It appends up to there as before.
constexpr uint64_t kZeroGap = kZeroChunk;
static_assert(kZeroAhead + kZeroChunk == kWalZerosPastEnd);
constexpr char kWalEndName[] = "WAL-END";

// "000123.log" -> 123; nullopt for any other file.
std::optional<uint64_t> WalNumber(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".log") != 0) return std::nullopt;
  uint64_t number = 0;
  for (size_t i = 0; i + 4 < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    number = number * 10 + static_cast<uint64_t>(name[i] - '0');
  }
  return number;
}

std::string DirOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

const std::string& BootId() {
  static const std::string id = [] {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string line;
    std::getline(in, line);
    return line;
  }();
  return id;
}

// What WAL-END holds: the newest WAL file and how far it holds data, in the boot that wrote it.
struct WalEndRecord {
  char magic[8];
  char boot[40];
  uint64_t number;
  uint64_t end;
  uint32_t crc;  // CRC32C of the fields above: a read torn by a concurrent write fails it
  uint32_t padding;
};

uint32_t CrcOf(const WalEndRecord& r) {
  return Crc32c(std::string_view(reinterpret_cast<const char*>(&r), offsetof(WalEndRecord, crc)));
}

WalEndRecord MakeWalEnd(uint64_t number, uint64_t end) {
  WalEndRecord r;
  std::memset(&r, 0, sizeof r);
  std::memcpy(r.magic, "SBWALEND", 8);
  std::memcpy(r.boot, BootId().data(), std::min(BootId().size(), sizeof r.boot));
  r.number = number;
  r.end = end;
  r.crc = CrcOf(r);
  return r;
}

// How far a follower may read WAL file `number`, by WAL-END (open at `fd`; -1 if it does not
// exist): nullopt for all of it. The owner publishes a new WAL file (end 0) before it creates
// it, and each end after the append it covers. A follower that has opened a file therefore
// reads a WAL-END that names that file or a later one, and reading WAL-END before the file, what
// it reads up to the end published is complete.
std::optional<uint64_t> ReadableEnd(int fd, uint64_t number) {
  if (fd < 0) return std::nullopt;  // no owner has zero-filled a WAL here
  const WalEndRecord expected = MakeWalEnd(0, 0);
  for (int attempt = 0; attempt < 100; ++attempt) {
    WalEndRecord r;
    if (pread(fd, &r, sizeof r, 0) != static_cast<ssize_t>(sizeof r)) return std::nullopt;
    if (r.crc != CrcOf(r)) {
      std::this_thread::yield();  // the owner is rewriting it
      continue;
    }
    if (std::memcmp(r.magic, expected.magic, sizeof r.magic) != 0) return std::nullopt;
    // The published file, while its owner may still be writing it (after a restart of the
    // machine no owner is; the file holds data then zeros, which a reader takes for padding).
    if (number == r.number && std::memcmp(r.boot, expected.boot, sizeof r.boot) == 0) {
      return r.end;
    }
    // An older file, which is no longer written, or a newer one that a plain RocksDB wrote
    // (no zeros ahead: it is read to its end).
    return std::nullopt;
  }
  return std::nullopt;
}

int OpenWalEnd(const std::string& dir) {
  return open((dir + "/" + kWalEndName).c_str(), O_RDONLY | O_CLOEXEC);
}

// One WAL file's zeros, shared by its writer and the zeroer.
struct ZeroFill {
  explicit ZeroFill(int f) : fd(f) {}
  ~ZeroFill() { close(fd); }

  const int fd;  // our own descriptor of the file, for writing zeros
  std::mutex mu;
  std::condition_variable cv;
  uint64_t writing_end = 0;  // the end of what the writer has appended or is appending
  uint64_t zeroed_end = 0;   // the file holds zeros or data up to here
  bool zeroing = false;      // a chunk from zeroing_from is being written
  uint64_t zeroing_from = 0;
  bool queued = false;   // waiting for the zeroer, or being served by it
  bool stopped = false;  // closed, or a zero write failed
};

// The thread that writes zeros ahead of every WAL file of one owner.
class Zeroer {
 public:
  Zeroer()
      : thread_([this] {
          pthread_setname_np(pthread_self(), "sb-log-zero");
          Run();
        }) {}
  ~Zeroer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

  // Queues `fill` unless it is queued already or far enough ahead.
  void Request(const std::shared_ptr<ZeroFill>& fill) {
    {
      std::lock_guard lock(fill->mu);
      if (fill->queued || fill->stopped || fill->zeroed_end >= fill->writing_end + kZeroAhead / 2) {
        return;
      }
      fill->queued = true;
    }
    {
      std::lock_guard lock(mu_);
      queue_.push_back(fill);
    }
    cv_.notify_one();
  }

 private:
  void Run() {
    for (;;) {
      std::shared_ptr<ZeroFill> fill;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        fill = std::move(queue_.front());
        queue_.pop_front();
      }
      Fill(fill.get());
    }
  }

  // Writes chunks until the zeros are kZeroAhead past the writer, and pushes them to the disk
  // so that no sync of the writer's has to.
  static void Fill(ZeroFill* fill) {
    static const std::string zeros(kZeroChunk, '\0');
    std::unique_lock lock(fill->mu);
    while (!fill->stopped && fill->zeroed_end < fill->writing_end + kZeroAhead) {
      const uint64_t from =
          std::max(fill->zeroed_end, (fill->writing_end + kZeroGap + 4095) / 4096 * 4096);
      fill->zeroing = true;
      fill->zeroing_from = from;
      lock.unlock();
      bool ok = true;
      for (uint64_t done = 0; ok && done < kZeroChunk;) {
        const ssize_t n = pwrite(fill->fd, zeros.data() + done, kZeroChunk - done,
                                 static_cast<off_t>(from + done));
        if (n > 0) {
          done += static_cast<uint64_t>(n);
        } else if (n < 0 && errno != EINTR) {
          ok = false;  // a full disk, say: the writer appends past the zeros as before
        }
      }
      if (ok) {
        sync_file_range(
            fill->fd, static_cast<off_t>(from), kZeroChunk,
            SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
      }
      lock.lock();
      fill->zeroing = false;
      if (ok) {
        fill->zeroed_end = from + kZeroChunk;
      } else {
        fill->stopped = true;
      }
      fill->cv.notify_all();
    }
    fill->queued = false;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<ZeroFill>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

// Publishes the newest WAL file's end in WAL-END. Written with pwrite and never synced: the
// page cache serves every reader on this machine, and only this boot's readers trust it.
class WalEndPublisher {
 public:
  ~WalEndPublisher() {
    if (fd_ >= 0) close(fd_);
  }

  void Publish(const std::string& dir, uint64_t number, uint64_t end) {
    std::lock_guard lock(mu_);
    if (dir != dir_) {
      if (fd_ >= 0) close(fd_);
      dir_ = dir;
      fd_ = open((dir + "/" + kWalEndName).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    }
    if (fd_ < 0) return;
    const WalEndRecord r = MakeWalEnd(number, end);
    (void)!pwrite(fd_, &r, sizeof r, 0);
  }

 private:
  std::mutex mu_;
  std::string dir_;
  int fd_ = -1;
};

class ZeroFilledWal : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  ZeroFilledWal(std::unique_ptr<FSWritableFile> file, std::shared_ptr<ZeroFill> fill,
                std::shared_ptr<Zeroer> zeroer, std::shared_ptr<WalEndPublisher> publisher,
                std::string dir, uint64_t number)
      : FSWritableFileOwnerWrapper(std::move(file)),
        fill_(std::move(fill)),
        zeroer_(std::move(zeroer)),
        publisher_(std::move(publisher)),
        dir_(std::move(dir)),
        number_(number) {}
  ~ZeroFilledWal() override { Stop(); }

  IOStatus Append(const Slice& data, const IOOptions& options, IODebugContext* dbg) override {
    return Appended(data.size(), [&] { return target()->Append(data, options, dbg); });
  }
  IOStatus Append(const Slice& data, const IOOptions& options,
                  const rocksdb::DataVerificationInfo& info, IODebugContext* dbg) override {
    return Appended(data.size(), [&] { return target()->Append(data, options, info, dbg); });
  }

  IOStatus Truncate(uint64_t size, const IOOptions& options, IODebugContext* dbg) override {
    Stop();  // RocksDB truncates a WAL only when it is done with it
    return target()->Truncate(size, options, dbg);
  }

  IOStatus Close(const IOOptions& options, IODebugContext* dbg) override {
    Stop();
    IOStatus s = target()->Close(options, dbg);
    // RocksDB trims what it preallocated; the zeros past that go too.
    if (s.ok()) (void)!ftruncate(fill_->fd, static_cast<off_t>(written_end_));
    return s;
  }

 private:
  template <typename Write>
  IOStatus Appended(size_t bytes, const Write& write) {
    uint64_t end;
    {
      std::unique_lock lock(fill_->mu);
      end = written_end_ + bytes;
      fill_->writing_end = std::max(fill_->writing_end, end);
      // Never write where zeros are being written.
      fill_->cv.wait(lock, [&] { return !fill_->zeroing || end <= fill_->zeroing_from; });
    }
    IOStatus s = write();
    if (!s.ok()) return s;
    written_end_ = end;
    publisher_->Publish(dir_, number_, end);
    zeroer_->Request(fill_);
    return s;
  }

  // No more zeros: waits for a chunk in progress.
  void Stop() {
    std::unique_lock lock(fill_->mu);
    fill_->stopped = true;
    fill_->cv.wait(lock, [&] { return !fill_->zeroing; });
  }

  const std::shared_ptr<ZeroFill> fill_;
  const std::shared_ptr<Zeroer> zeroer_;
  const std::shared_ptr<WalEndPublisher> publisher_;
  const std::string dir_;
  const uint64_t number_;
  uint64_t written_end_ = 0;  // RocksDB serializes the appends and the close that touch it
};

class OwnerWalFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit OwnerWalFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base)
      : FileSystemWrapper(base) {}
  const char* Name() const override { return "SwitchboardOwnerWal"; }

  IOStatus NewWritableFile(const std::string& path, const FileOptions& options,
                           std::unique_ptr<FSWritableFile>* file, IODebugContext* dbg) override {
    const auto number = WalNumber(path);
    // Before the file exists: no follower reads it past the ends published.
    if (number) publisher_->Publish(DirOf(path), *number, 0);
    IOStatus s = target()->NewWritableFile(path, options, file, dbg);
    if (!s.ok() || !number) return s;
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return s;  // the file works as RocksDB made it, without zeros ahead
    auto fill = std::make_shared<ZeroFill>(fd);
    *file = std::make_unique<ZeroFilledWal>(std::move(*file), fill, zeroer_, publisher_,
                                            DirOf(path), *number);
    zeroer_->Request(fill);
    return s;
  }

 private:
  const std::shared_ptr<Zeroer> zeroer_ = std::make_shared<Zeroer>();
  const std::shared_ptr<WalEndPublisher> publisher_ = std::make_shared<WalEndPublisher>();
};

// A WAL file read no further than its owner has published. It reads with pread, not through
// RocksDB's own sequential file: that reads through stdio, whose buffer would keep the zeros
// it read ahead past the end after the owner has written over them.
class ClippedWal : public FSSequentialFile {
 public:
  ClippedWal(int fd, std::string dir, uint64_t number)
      : fd_(fd), dir_(std::move(dir)), number_(number) {}
  ~ClippedWal() override {
    close(fd_);
    if (wal_end_fd_ >= 0) close(wal_end_fd_);
  }

  IOStatus Read(size_t n, const IOOptions& /*options*/, Slice* result, char* scratch,
                IODebugContext* /*dbg*/) override {
    if (wal_end_fd_ < 0) wal_end_fd_ = OpenWalEnd(dir_);
    if (const auto end = ReadableEnd(wal_end_fd_, number_)) {
      n = static_cast<size_t>(std::min<uint64_t>(n, *end > position_ ? *end - position_ : 0));
    }
    size_t done = 0;
    while (done < n) {
      const ssize_t got =
          pread(fd_, scratch + done, n - done, static_cast<off_t>(position_ + done));
      if (got == 0) break;  // the end of the file
      if (got < 0) {
        if (errno == EINTR) continue;
        return IOStatus::IOError("cannot read WAL file " + std::to_string(number_) + ": " +
                                 std::strerror(errno));
      }
      done += static_cast<size_t>(got);
    }
    position_ += done;
    *result = Slice(scratch, done);
    return IOStatus::OK();
  }

  IOStatus Skip(uint64_t n) override {
    position_ += n;
    return IOStatus::OK();
  }

 private:
  const int fd_;
  const std::string dir_;
  const uint64_t number_;
  int wal_end_fd_ = -1;
  uint64_t position_ = 0;
};

class FollowerWalFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FollowerWalFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base)
      : FileSystemWrapper(base) {}
  const char* Name() const override { return "SwitchboardFollowerWal"; }

  IOStatus NewSequentialFile(const std::string& path, const FileOptions& options,
                             std::unique_ptr<FSSequentialFile>* file,
                             IODebugContext* dbg) override {
    const auto number = WalNumber(path);
    if (!number) return target()->NewSequentialFile(path, options, file, dbg);
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return errno == ENOENT
                 ? IOStatus::PathNotFound("no WAL file " + path)
                 : IOStatus::IOError("cannot open WAL file " + path + ": " + std::strerror(errno));
    }
    *file = std::make_unique<ClippedWal>(fd, DirOf(path), *number);
    return IOStatus::OK();
  }

  IOStatus GetFileSize(const std::string& path, const IOOptions& options, uint64_t* size,
                       IODebugContext* dbg) override {
    IOStatus s = target()->GetFileSize(path, options, size, dbg);
    const auto number = WalNumber(path);
    if (!s.ok() || !number) return s;
    const int fd = OpenWalEnd(DirOf(path));
    if (const auto end = ReadableEnd(fd, *number)) *size = std::min(*size, *end);
    if (fd >= 0) close(fd);
    return s;
  }
};

}  // namespace

std::shared_ptr<rocksdb::FileSystem> NewOwnerWalFileSystem(
    std::shared_ptr<rocksdb::FileSystem> base) {
  return std::make_shared<OwnerWalFileSystem>(base);
}

std::shared_ptr<rocksdb::FileSystem> NewFollowerWalFileSystem(
    std::shared_ptr<rocksdb::FileSystem> base) {
  return std::make_shared<FollowerWalFileSystem>(base);
}

}  // namespace sb::es
