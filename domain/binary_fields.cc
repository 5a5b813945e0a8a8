#include "domain/binary_fields.h"

#include <limits>

namespace sb::domain::binary {

BinaryReader::BinaryReader(std::string_view in, uint8_t version) : in_(in) {
  if (in_.empty() || static_cast<uint8_t>(in_[0]) != version) {
    Fail("not a version " + std::to_string(version) + " document");
  } else {
    at_ = 1;
  }
}

void BinaryReader::Fail(const std::string& why) {
  if (status_.ok()) status_ = Status::Corruption(why + " at byte " + std::to_string(at_));
}

bool BinaryReader::Varint(uint64_t* v) {
  if (!ok()) return false;
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at_ == in_.size()) {
      Fail("truncated");
      return false;
    }
    const auto byte = static_cast<uint8_t>(in_[at_++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = value;
      return true;
    }
  }
  Fail("an integer longer than 64 bits");
  return false;
}

bool BinaryReader::Name(std::string_view* name) {
  uint64_t size = 0;
  if (!Varint(&size)) return false;
  if (size > in_.size() - at_) {
    Fail("truncated");
    return false;
  }
  *name = in_.substr(at_, size);
  at_ += size;
  return true;
}

void BinaryReader::Bool(bool& b) {
  if (!ok()) return;
  if (at_ == in_.size()) return Fail("truncated");
  const auto byte = static_cast<uint8_t>(in_[at_]);
  if (byte > 1) return Fail("not a boolean");
  ++at_;
  b = byte == 1;
}

void BinaryReader::Int(int64_t& v) {
  uint64_t raw = 0;
  if (!Varint(&raw)) return;
  v = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
}

void BinaryReader::Int(int& v) {
  int64_t wide = 0;
  Int(wide);
  if (!ok()) return;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    return Fail("an integer out of range");
  }
  v = static_cast<int>(wide);
}

void BinaryReader::String(std::string& s) {
  std::string_view text;
  if (Name(&text)) s.assign(text);
}

void BinaryReader::Int(std::optional<int64_t>& v) {
  bool present = false;
  Bool(present);
  if (!ok()) return;
  if (!present) {
    v.reset();
    return;
  }
  int64_t value = 0;
  Int(value);
  if (ok()) v = value;
}

Status BinaryReader::Finish() const {
  if (!ok()) return status_;
  if (at_ != in_.size()) {
    return Status::Corruption(std::to_string(in_.size() - at_) + " bytes after the last field");
  }
  return Status::OK();
}

}  // namespace sb::domain::binary
