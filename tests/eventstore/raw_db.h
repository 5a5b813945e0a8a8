// Direct RocksDB access to a closed store's files, for tests that damage them on purpose.
#ifndef SWITCHBOARD_TESTS_EVENTSTORE_RAW_DB_H_
#define SWITCHBOARD_TESTS_EVENTSTORE_RAW_DB_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <rocksdb/db.h>
#include <catch2/catch.hpp>

namespace sb::testing {

class RawDb {
 public:
  explicit RawDb(const std::string& dir) {
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles, &raw).ok());
    db_.reset(raw);
    for (size_t i = 0; i < names.size(); ++i) cf_[names[i]] = handles[i];
  }
  ~RawDb() {
    for (auto& [name, h] : cf_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
  }

  std::string Get(const std::string& cf, const std::string& key) {
    std::string value;
    REQUIRE(db_->Get(rocksdb::ReadOptions(), cf_.at(cf), key, &value).ok());
    return value;
  }
  void Put(const std::string& cf, const std::string& key, const std::string& value) {
    REQUIRE(db_->Put(rocksdb::WriteOptions(), cf_.at(cf), key, value).ok());
  }
  void Delete(const std::string& cf, const std::string& key) {
    REQUIRE(db_->Delete(rocksdb::WriteOptions(), cf_.at(cf), key).ok());
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> cf_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_EVENTSTORE_RAW_DB_H_
