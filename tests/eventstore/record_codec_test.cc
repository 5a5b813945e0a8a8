// The record format: round trip, checksum, and every kind of damage detected.
#include <catch2/catch.hpp>

#include "eventstore/keys.h"
#include "eventstore/record_codec.h"

namespace sb::testing {
namespace {

es::RecordedEvent Sample() {
  es::RecordedEvent e;
  e.id = es::NewEventId();
  e.type = "CallConnected";
  e.payload = R"({"at":"2026-11-21T10:00:00Z","unicode":"পরিচিতি"})";
  e.tenant = "acme";
  e.actor = "agent:7";
  e.correlation_id = "corr";
  e.causation_id = "cause";
  e.timestamp_us = -5;  // negative timestamps survive too
  e.stream = "acme/call/c1";
  e.version = 3;
  e.position = 1ull << 40;
  return e;
}

TEST_CASE("CRC-32C matches the standard check value on both implementations", "[codec]") {
  CHECK(es::Crc32c("123456789") == 0xE3069283u);
  CHECK(es::Crc32cPortable("123456789") == 0xE3069283u);
  std::string data;
  for (int len = 0; len < 100; ++len) {
    CHECK(es::Crc32c(data) == es::Crc32cPortable(data));
    data.push_back(static_cast<char>(len * 37));
  }
}

TEST_CASE("a record round trips every field", "[codec]") {
  const es::RecordedEvent e = Sample();
  std::string bytes;
  es::EncodeRecord(e, &bytes);
  es::RecordedEvent d;
  REQUIRE(es::DecodeRecord(bytes, &d).ok());
  CHECK(d.id == e.id);
  CHECK(d.type == e.type);
  CHECK(d.payload == e.payload);
  CHECK(d.tenant == e.tenant);
  CHECK(d.actor == e.actor);
  CHECK(d.correlation_id == e.correlation_id);
  CHECK(d.causation_id == e.causation_id);
  CHECK(d.timestamp_us == e.timestamp_us);
  CHECK(d.stream == e.stream);
  CHECK(d.version == e.version);
  CHECK(d.position == e.position);
  std::string_view stream;
  REQUIRE(es::PeekRecordStream(bytes, &stream));
  CHECK(stream == "acme/call/c1");
}

TEST_CASE("damaged records are reported, never misread", "[codec]") {
  std::string bytes;
  es::EncodeRecord(Sample(), &bytes);
  es::RecordedEvent d;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] ^= 0x01;
    INFO("byte " << i);
    CHECK(es::DecodeRecord(flipped, &d).IsCorruption());
  }
  for (size_t len : {size_t{0}, size_t{10}, bytes.size() - 1}) {
    CHECK(es::DecodeRecord(bytes.substr(0, len), &d).IsCorruption());
  }
  CHECK(es::DecodeRecord(bytes + "x", &d).IsCorruption());
}

TEST_CASE("keys sort numerically and stream prefixes do not collide", "[codec]") {
  CHECK(es::PositionKey(255) < es::PositionKey(256));
  CHECK(es::DecodeBigEndian64(es::PositionKey(0x0102030405060708ull)) == 0x0102030405060708ull);
  CHECK(es::StreamIndexKey("a/b", 2) < es::StreamIndexKey("a/b", 10));
  std::string_view stream;
  uint64_t version = 0;
  const std::string key = es::StreamIndexKey("acme/call/1", 77);
  REQUIRE(es::ParseStreamIndexKey(key, &stream, &version));
  CHECK(stream == "acme/call/1");
  CHECK(version == 77);
  // "a/b" and "a/b2" are different streams; the first's prefix must not cover the second.
  const std::string prefix = es::StreamIndexPrefix("a/b");
  CHECK(es::StreamIndexKey("a/b2", 1).compare(0, prefix.size(), prefix) != 0);
}

}  // namespace
}  // namespace sb::testing
