// A compact binary layout for states kept in read models, where a rebuild writes hundreds of
// thousands of them: encoding JSON and then compressing and storing its field names cost a
// rebuild about a quarter of its time (docs/benchmarks.md, "2026-12-06 night, later").
//
// A document is a version byte, then its fields in a fixed order, without names: integers as
// zigzag LEB128 varints, strings with a varint length, enums as their names (so reordering an
// enum never changes what a stored value means), optionals with a presence byte. The version
// byte is never '{', so a reader can tell a binary document from a JSON one written before.
//
// BinaryWriter and BinaryReader have the same methods, so that one function template listing
// a state's fields serves both directions and the two can never disagree on the order.
#ifndef SWITCHBOARD_DOMAIN_BINARY_FIELDS_H_
#define SWITCHBOARD_DOMAIN_BINARY_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/status.h"

namespace sb::domain::binary {

class BinaryWriter {
 public:
  explicit BinaryWriter(uint8_t version, size_t reserve = 256) {
    out_.reserve(reserve);
    out_.push_back(static_cast<char>(version));
  }

  void Bool(const bool& b) { out_.push_back(b ? 1 : 0); }
  void Int(const int64_t& v) { Varint(Zigzag(v)); }
  void Int(const int& v) { Varint(Zigzag(v)); }
  void String(const std::string& s) { Name(s); }
  void Int(const std::optional<int64_t>& v) {
    Bool(v.has_value());
    if (v) Int(*v);
  }
  template <class E>
  void Enum(const E& e, std::optional<E> (*)(std::string_view)) {
    Name(ToString(e));
  }
  template <class E>
  void Enum(const std::optional<E>& e, std::optional<E> (*)(std::string_view)) {
    Bool(e.has_value());
    if (e) Name(ToString(*e));
  }

  std::string Finish() && { return std::move(out_); }

 private:
  static uint64_t Zigzag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  // A string, or an enum's name: its length, then its bytes.
  void Name(std::string_view name) {
    Varint(name.size());
    out_.append(name);
  }

  std::string out_;
};

// Reads what a BinaryWriter of the same version wrote. After the first error (truncated,
// malformed, an unknown enum name) further reads do nothing; Finish reports it, and also
// bytes left over.
class BinaryReader {
 public:
  BinaryReader(std::string_view in, uint8_t version);

  void Bool(bool& b);
  void Int(int64_t& v);
  void Int(int& v);
  void String(std::string& s);
  void Int(std::optional<int64_t>& v);
  template <class E>
  void Enum(E& e, std::optional<E> (*parse)(std::string_view)) {
    std::string_view name;
    if (!Name(&name)) return;
    if (auto parsed = parse(name)) {
      e = *parsed;
    } else {
      Fail("unknown value '" + std::string(name) + "'");
    }
  }
  template <class E>
  void Enum(std::optional<E>& e, std::optional<E> (*parse)(std::string_view)) {
    bool present = false;
    Bool(present);
    if (!present) {
      e.reset();
      return;
    }
    E value{};
    Enum(value, parse);
    if (ok()) e = value;
  }

  bool ok() const { return status_.ok(); }
  Status Finish() const;

 private:
  bool Varint(uint64_t* v);
  bool Name(std::string_view* name);
  void Fail(const std::string& why);

  std::string_view in_;
  size_t at_ = 0;
  Status status_;
};

}  // namespace sb::domain::binary

#endif  // SWITCHBOARD_DOMAIN_BINARY_FIELDS_H_
