// StreamTable<T>: a folder's entries by stream name, built for the lookup a rebuild makes for
// every event. std::unordered_map<std::string, T> costs about four dependent cache misses per
// lookup once it outgrows the caches (bucket, the node before, the node, the key's characters
// elsewhere on the heap): in a profile of `rebuild --all` that was the largest single cost of
// folding call_sessions. Here a flat array of (hash, entry) slots is probed linearly and the
// entry keeps short names inline, so a hit touches one slot and the entry it returns.
//
// Entries never move (a deque), so pointers to them stay valid until Clear(). Even so a lookup
// waits for memory twice (its slot, then its entry) once the table outgrows the caches; a
// caller that knows the names it will look up next can hash them first and prefetch both
// (PrefetchSlot, then PrefetchEntry).
#ifndef SWITCHBOARD_PROJECTIONS_STREAM_TABLE_H_
#define SWITCHBOARD_PROJECTIONS_STREAM_TABLE_H_

#include <cassert>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::projections {

template <class T>
class StreamTable {
 public:
  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>()(s); }

  // The entry for `stream`, or nullptr; `hash` is Hash(stream).
  T* Find(std::string_view stream) { return Find(stream, Hash(stream)); }
  T* Find(std::string_view stream, uint64_t hash) {
    if (slots_.empty()) return nullptr;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.entry == nullptr) return nullptr;
      if (slot.hash == hash && slot.entry->name.view() == stream) return &slot.entry->value;
    }
  }

  // Adds `stream`, which must not be present.
  T& Insert(std::string_view stream, T value) {
    return Insert(stream, Hash(stream), std::move(value));
  }
  T& Insert(std::string_view stream, uint64_t hash, T value) {
    assert(Find(stream) == nullptr);
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    Entry& entry = entries_.emplace_back(stream, std::move(value));
    Place(hash, &entry);
    return entry.value;
  }

  // Hints for a Find of the name hashed to `hash` a few lookups from now: first its slot, then
  // (once the slot has arrived) the entry the slot points to. Neither changes anything.
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
  }
  void PrefetchEntry(uint64_t hash) const {
    if (slots_.empty()) return;
    const Slot& slot = slots_[hash & mask_];
    if (slot.entry == nullptr || slot.hash != hash) return;
    const char* bytes = reinterpret_cast<const char*>(slot.entry);
    for (size_t offset = 0; offset < sizeof(Entry); offset += 64)
      __builtin_prefetch(bytes + offset);
  }

  size_t size() const { return entries_.size(); }

  void Clear() {
    entries_.clear();
    slots_.clear();
    mask_ = 0;
  }

 private:
  // A name kept in the entry itself when it fits (stream names are "<tenant>/<kind>/<id>",
  // usually under 56 characters), on the heap otherwise.
  class Name {
   public:
    explicit Name(std::string_view s) : size_(s.size()) {
      if (s.size() <= sizeof inline_) {
        std::memcpy(inline_, s.data(), s.size());
      } else {
        heap_.assign(s);
      }
    }
    std::string_view view() const {
      return size_ <= sizeof inline_ ? std::string_view(inline_, size_) : std::string_view(heap_);
    }

   private:
    char inline_[56];
    size_t size_;
    std::string heap_;
  };
  struct Entry {
    Entry(std::string_view stream, T v) : name(stream), value(std::move(v)) {}
    Name name;
    T value;
  };
  struct Slot {
    uint64_t hash = 0;
    Entry* entry = nullptr;
  };

  void Place(uint64_t hash, Entry* entry) {
    size_t i = hash & mask_;
    while (slots_[i].entry != nullptr) i = (i + 1) & mask_;
    slots_[i] = Slot{hash, entry};
  }

  // Doubles the slots (at most half of them full, so probes stay short).
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.entry != nullptr) Place(slot.hash, slot.entry);
    }
  }

  std::deque<Entry> entries_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_STREAM_TABLE_H_
