// The file systems the log's RocksDB keeps its write-ahead log through. Internal to eventstore/.
//
// The owner's fills each WAL file with zeros ahead of its writer, on a thread of its own, as
// PostgreSQL does its WAL segments. Every append then overwrites blocks the file already has,
// so a sync writes the data alone: appending to the end made each sync write the inode too
// (the file's size and extents), a second round trip to the disk. On this machine, syncs of
// overwritten data ran about 1.4 times as often as syncs of appended data, at half the CPU.
// Zeros are what a WAL reader takes for padding, so a file left with a zero tail by a crash
// recovers as it would without one.
//
// A follower reads the WAL its owner is writing (a RocksDB secondary instance tails it). It
// would take the zeros ahead of the writer for padding and step over them for good, missing
// what the owner writes there later. So the owner publishes, after each append, how far the
// newest WAL file holds data (a small file beside it, `WAL-END`), and the follower's file
// system reads that file no further. Published ends are trusted only within the boot that
// wrote them: the page cache makes them exact while the machine is up, and after a restart no
// owner is still writing.
#ifndef SWITCHBOARD_EVENTSTORE_WAL_FILE_SYSTEM_H_
#define SWITCHBOARD_EVENTSTORE_WAL_FILE_SYSTEM_H_

#include <cstdint>
#include <memory>

#include <rocksdb/file_system.h>

namespace sb::es {

// The most zeros a WAL file holds past its end (disk use on top of the WAL's own).
inline constexpr uint64_t kWalZerosPastEnd = 5 << 20;

// For the directory's owner: `base` with its WAL files zero-filled ahead of the writer.
std::shared_ptr<rocksdb::FileSystem> NewOwnerWalFileSystem(
    std::shared_ptr<rocksdb::FileSystem> base);

// For a follower: `base` reading the owner's live WAL file only as far as it is written.
std::shared_ptr<rocksdb::FileSystem> NewFollowerWalFileSystem(
    std::shared_ptr<rocksdb::FileSystem> base);

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_WAL_FILE_SYSTEM_H_
