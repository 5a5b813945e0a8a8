#include "domain/json_object_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>

namespace sb::domain::json {

void ObjectWriter::Key(std::string_view key) {
  if (out_.size() > 1) out_.push_back(',');
  Quoted(key);
  out_.push_back(':');
}

namespace {

// True if one of the 8 bytes of `word` must be escaped: below 0x20, '"' or '\\'. Bytes from
// 0x80 up (UTF-8) never are. Each test is the classic "has a byte less than n" bit trick.
bool AnyByteNeedsEscape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  const auto any_below = [](uint64_t x, uint64_t n) { return (x - kOnes * n) & ~x & kHighBits; };
  return (any_below(word, 0x20) | any_below(word ^ (kOnes * '"'), 1) |
          any_below(word ^ (kOnes * '\\'), 1)) != 0;
}

}  // namespace

// RFC 8259 section 7: the quote, the backslash and control characters are escaped; every other
// byte (UTF-8 included) is written as it is.
void ObjectWriter::Quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    // Most text needs no escape at all: pass it over eight bytes at a time.
    while (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (AnyByteNeedsEscape(word)) break;
      i += 8;
    }
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(text.data() + plain, i - plain);
    plain = i + 1;
    out_.push_back('\\');
    switch (c) {
      case '"':
        out_.push_back('"');
        break;
      case '\\':
        out_.push_back('\\');
        break;
      case '\b':
        out_.push_back('b');
        break;
      case '\f':
        out_.push_back('f');
        break;
      case '\n':
        out_.push_back('n');
        break;
      case '\r':
        out_.push_back('r');
        break;
      case '\t':
        out_.push_back('t');
        break;
      default:
        out_.append("u00");
        out_.push_back(kHex[c >> 4]);
        out_.push_back(kHex[c & 0xf]);
    }
  }
  out_.append(text.data() + plain, text.size() - plain);
  out_.push_back('"');
}

ObjectWriter& ObjectWriter::Bool(std::string_view key, bool value) {
  Key(key);
  out_.append(value ? "true" : "false");
  return *this;
}

ObjectWriter& ObjectWriter::Int(std::string_view key, int64_t value) {
  Key(key);
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
  return *this;
}

ObjectWriter& ObjectWriter::String(std::string_view key, std::string_view value) {
  Key(key);
  Quoted(value);
  return *this;
}

ObjectWriter& ObjectWriter::Null(std::string_view key) {
  Key(key);
  out_.append("null");
  return *this;
}

ObjectWriter& ObjectWriter::OptionalString(std::string_view key, const std::string& value) {
  return value.empty() ? Null(key) : String(key, value);
}

ObjectWriter& ObjectWriter::Time(std::string_view key, Timestamp value) {
  return String(key, FormatTimestamp(value));
}

ObjectWriter& ObjectWriter::Time(std::string_view key, const std::optional<Timestamp>& value) {
  return value ? Time(key, *value) : Null(key);
}

ObjectWriter& ObjectWriter::Raw(std::string_view key, std::string_view json) {
  Key(key);
  out_.append(json);
  return *this;
}

std::string ObjectWriter::Finish() && {
  out_.push_back('}');
  return std::move(out_);
}

}  // namespace sb::domain::json
