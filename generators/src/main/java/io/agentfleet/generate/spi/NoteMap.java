package io.agentfleet.generate.spi;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A document's source notes, read-only: JSON pointer → note, sorted by pointer, in one array of pointers and notes
 * in turn. A large fleet holds tens of thousands of documents, each with a handful of notes, from when its generator
 * makes it until its file is written: as tree maps they were a tenth of the objects the collector copied about
 * (an entry per note, the map, its read-only view). Looked up by binary search; the views of a part of the map
 * ({@link #subMap} and the like, which nothing here reads) are copies.
 */
final class NoteMap extends AbstractMap<String, String> implements SortedMap<String, String> {
  private static final NoteMap EMPTY = new NoteMap(new String[0]);

  /** Pointer and note of each entry in turn, pointers sorted. */
  private final String[] slots;

  private NoteMap(String[] slots) {
    this.slots = slots;
  }

  /** The notes of {@code sorted}, which has no null pointer or note. */
  static NoteMap of(SortedMap<String, String> sorted) {
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    if (sorted.comparator() != null) {
      throw new IllegalArgumentException("notes are sorted by their pointers' natural order");
    }
    String[] slots = new String[2 * sorted.size()];
    String[] recent = RECENT.get();
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      slots[i++] = shared(e.getKey(), recent);
      slots[i++] = shared(e.getValue(), recent);
    }
    return new NoteMap(slots);
  }

  /** Texts a thread put in notes last, each in the slot its hash picks ({@link #shared}). */
  private static final ThreadLocal<String[]> RECENT = ThreadLocal.withInitial(() -> new String[1024]);

  /**
   * {@code text}, or an equal text a note of this thread held recently: the documents of a large fleet repeat most of
   * their notes' pointers and half their notes (a sub-agent's defaults, its profile's), each made afresh for its
   * document; held once, they were 300 000 strings fewer alive at 10 000 sub-agents.
   */
  private static String shared(String text, String[] recent) {
    int hash = text.hashCode();
    int slot = hash & (recent.length - 1);
    String known = recent[slot];
    if (known != null && (known == text || known.hashCode() == hash && known.equals(text))) {
      return known;
    }
    recent[slot] = text;
    return text;
  }

  /** The index of {@code pointer}'s entry, or a negative number when there is none. */
  private int find(Object pointer) {
    if (!(pointer instanceof String key)) {
      return -1;
    }
    int low = 0;
    int high = slots.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = slots[2 * mid].compareTo(key);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  @Override
  public String get(Object pointer) {
    int i = find(pointer);
    return i < 0 ? null : slots[2 * i + 1];
  }

  @Override
  public boolean containsKey(Object pointer) {
    return find(pointer) >= 0;
  }

  @Override
  public int size() {
    return slots.length / 2;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < slots.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= slots.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(slots[next], slots[next + 1]);
            next += 2;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return slots.length / 2;
      }
    };
  }

  @Override
  public Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public SortedMap<String, String> subMap(String fromKey, String toKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
  }

  @Override
  public SortedMap<String, String> headMap(String toKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
  }

  @Override
  public SortedMap<String, String> tailMap(String fromKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
  }

  @Override
  public String firstKey() {
    if (slots.length == 0) {
      throw new NoSuchElementException();
    }
    return slots[0];
  }

  @Override
  public String lastKey() {
    if (slots.length == 0) {
      throw new NoSuchElementException();
    }
    return slots[slots.length - 2];
  }
}
