#include "domain/json_fields.h"

#include <cstring>
#include <limits>

namespace sb::domain::json {

namespace {

// Each thread parses with one parser, whose buffers grow to the largest document it has seen;
// `busy` while a ParsedObject reads with it.
struct ThreadParser {
  simdjson::ondemand::parser parser;
  bool busy = false;
};

ThreadParser& ThisThreadParser() {
  thread_local ThreadParser parser;
  return parser;
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Malformed(simdjson::error_code error) {
  return std::string("malformed JSON: ") + simdjson::error_message(error);
}

}  // namespace

ParsedObject::~ParsedObject() {
  if (borrowed_thread_parser_) ThisThreadParser().busy = false;
}

Status ParsedObject::Parse(std::string_view text) {
  // On-demand parsing reads only what is asked for, so the one-object framing is checked
  // here: nothing may follow the object's closing brace.
  size_t first = 0;
  size_t last = text.size();
  while (first < last && IsJsonSpace(text[first])) ++first;
  while (last > first && IsJsonSpace(text[last - 1])) --last;
  if (first == last) return Status::Corruption("malformed JSON: empty document");
  if (text[first] != '{') return Status::Corruption("JSON payload is not an object");
  if (text[last - 1] != '}') return Status::Corruption("malformed JSON: not one object");

  const size_t capacity = text.size() + simdjson::SIMDJSON_PADDING;
  char* buffer = inline_;
  if (capacity > kInlineBytes) {
    heap_.reset(new char[capacity]);
    buffer = heap_.get();
  }
  std::memcpy(buffer, text.data(), text.size());
  std::memset(buffer + text.size(), 0, simdjson::SIMDJSON_PADDING);

  ThreadParser& shared = ThisThreadParser();
  simdjson::ondemand::parser* parser = &shared.parser;
  if (!shared.busy) {
    shared.busy = borrowed_thread_parser_ = true;
  } else {
    own_parser_ = std::make_unique<simdjson::ondemand::parser>();
    parser = own_parser_.get();
  }
  if (auto error = parser->iterate(buffer, text.size(), capacity).get(document_)) {
    return Status::Corruption(Malformed(error));
  }
  if (auto error = document_.get_object().get(object_)) {
    return Status::Corruption(error == simdjson::INCORRECT_TYPE ? "JSON payload is not an object"
                                                                : Malformed(error));
  }
  return Status::OK();
}

bool Reader::Find(std::string_view key, Presence p, simdjson::ondemand::value* out) {
  if (!ok()) return false;
  const simdjson::error_code error = object_.find_field_unordered(key).get(*out);
  bool null = false;
  if (error == simdjson::NO_SUCH_FIELD || (!error && !out->is_null().get(null) && null)) {
    if (p == Presence::kRequired) Fail(std::string(key) + ": missing");
    return false;
  }
  if (error) {
    Fail(std::string(key) + ": " + Malformed(error));
    return false;
  }
  return true;
}

void Reader::FailValue(std::string_view key, simdjson::error_code error, const char* expected) {
  if (error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR) {
    Fail(std::string(key) + ": " + expected);
  } else if (error == simdjson::NUMBER_OUT_OF_RANGE) {
    Fail(std::string(key) + ": out of range");
  } else {
    Fail(std::string(key) + ": " + Malformed(error));
  }
}

void Reader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

Status Reader::status() const { return ok() ? Status::OK() : Status::Corruption(error_); }

bool Reader::Lookup(std::string_view key, Presence p, std::string* out) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return false;
  std::string_view text;
  if (auto error = v.get_string().get(text)) {
    FailValue(key, error, "not a string");
    return false;
  }
  out->assign(text.data(), text.size());
  return true;
}

void Reader::String(std::string_view key, std::string* out, Presence p) { Lookup(key, p, out); }

void Reader::Int(std::string_view key, int64_t* out, Presence p) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return;
  int64_t n = 0;
  if (auto error = v.get_int64().get(n)) return FailValue(key, error, "not an integer");
  *out = n;
}

void Reader::Int(std::string_view key, int* out, Presence p) {
  int64_t n = *out;
  Int(key, &n, p);
  if (!ok()) return;
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
    Fail(std::string(key) + ": out of range");
    return;
  }
  *out = static_cast<int>(n);
}

void Reader::Bool(std::string_view key, bool* out, Presence p) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return;
  bool b = false;
  if (auto error = v.get_bool().get(b)) return FailValue(key, error, "not a boolean");
  *out = b;
}

bool Reader::Instant(std::string_view key, Presence p, Timestamp* out) {
  std::string text;
  if (!Lookup(key, p, &text)) return false;
  Result<Timestamp> t = ParseTimestamp(text);
  if (!t.ok()) {
    Fail(std::string(key) + ": " + t.status().message());
    return false;
  }
  *out = *t;
  return true;
}

void Reader::Time(std::string_view key, Timestamp* out, Presence p) { Instant(key, p, out); }

void Reader::Time(std::string_view key, std::optional<Timestamp>* out) {
  Timestamp t = 0;
  if (Instant(key, Presence::kOptional, &t)) *out = t;
}

bool Reader::Strings(std::string_view key, Presence p, std::vector<std::string>* out) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return false;
  simdjson::ondemand::array array;
  if (auto error = v.get_array().get(array)) {
    FailValue(key, error, "not an array");
    return false;
  }
  for (auto item : array) {
    std::string_view text;
    if (auto error = item.get_string().get(text)) {
      FailValue(key, error, "not an array of strings");
      return false;
    }
    out->emplace_back(text);
  }
  return true;
}

void Reader::StringList(std::string_view key, std::vector<std::string>* out, Presence p) {
  std::vector<std::string> items;
  if (Strings(key, p, &items)) *out = std::move(items);
}

void Reader::StringSet(std::string_view key, std::set<std::string>* out, Presence p) {
  std::vector<std::string> items;
  if (Strings(key, p, &items)) *out = std::set<std::string>(items.begin(), items.end());
}

void Reader::StringSet(std::string_view key, std::optional<std::set<std::string>>* out) {
  std::vector<std::string> items;
  if (Strings(key, Presence::kOptional, &items)) {
    *out = std::set<std::string>(items.begin(), items.end());
  }
}

void Reader::IntMap(std::string_view key, std::map<std::string, int>* out, Presence p) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return;
  simdjson::ondemand::object object;
  if (auto error = v.get_object().get(object)) return FailValue(key, error, "not an object");
  std::map<std::string, int> items;
  for (auto field : object) {
    std::string_view name;
    int64_t n = 0;
    if (auto error = field.unescaped_key().get(name)) return FailValue(key, error, "");
    if (auto error = field.value().get_int64().get(n);
        error || n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
      return Fail(std::string(key) + ": values must be integers");
    }
    items[std::string(name)] = static_cast<int>(n);
  }
  *out = std::move(items);
}

void Reader::ObjectText(std::string_view key, std::string* out, Presence p) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return;
  simdjson::ondemand::object object;
  std::string_view text;
  if (auto error = v.get_object().get(object)) return FailValue(key, error, "not an object");
  if (auto error = object.raw_json().get(text)) return FailValue(key, error, "not an object");
  out->assign(text.data(), text.size());
}

void Reader::Object(std::string_view key, const std::function<void(Reader&)>& read_object,
                    Presence p) {
  simdjson::ondemand::value v;
  if (!Find(key, p, &v)) return;
  simdjson::ondemand::object object;
  if (auto error = v.get_object().get(object)) return FailValue(key, error, "not an object");
  Reader inner(object);
  read_object(inner);
  if (!inner.ok()) Fail(std::string(key) + ": " + inner.status().message());
}

void Reader::Objects(std::string_view key, const std::function<void(Reader&)>& read_object) {
  simdjson::ondemand::value v;
  if (!Find(key, Presence::kOptional, &v)) return;
  simdjson::ondemand::array array;
  if (auto error = v.get_array().get(array)) return FailValue(key, error, "not an array");
  for (auto item : array) {
    simdjson::ondemand::object object;
    if (auto error = item.get_object().get(object)) {
      return FailValue(key, error, "not an array of objects");
    }
    Reader inner(object);
    read_object(inner);
    if (!inner.ok()) return Fail(std::string(key) + ": " + inner.status().message());
  }
}

bool IsObjectText(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element element;
  return !parser.parse(text.data(), text.size()).get(element) && element.is_object();
}

void PutTime(boost::json::object& o, std::string_view key, Timestamp t) {
  o[boost::json::string_view(key.data(), key.size())] = FormatTimestamp(t);
}

void PutTime(boost::json::object& o, std::string_view key, const std::optional<Timestamp>& t) {
  boost::json::string_view k(key.data(), key.size());
  if (t) {
    o[k] = FormatTimestamp(*t);
  } else {
    o[k] = nullptr;
  }
}

void PutOptionalString(boost::json::object& o, std::string_view key, const std::string& s) {
  boost::json::string_view k(key.data(), key.size());
  if (s.empty()) {
    o[k] = nullptr;
  } else {
    o[k] = s;
  }
}

boost::json::array ToArray(const std::set<std::string>& items) {
  boost::json::array a;
  a.reserve(items.size());
  for (const std::string& item : items) a.emplace_back(item);
  return a;
}

boost::json::object ToObject(const std::map<std::string, int>& items) {
  boost::json::object o;
  for (const auto& [name, level] : items) o[name] = level;
  return o;
}

boost::json::value ObjectFromText(const std::string& text) {
  if (text.empty()) return boost::json::object();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return boost::json::object();
  return v;
}

}  // namespace sb::domain::json
