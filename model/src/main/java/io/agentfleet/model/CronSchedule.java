package io.agentfleet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field cron schedule as a Kubernetes CronJob reads it (minute, hour, day of month, month, day of week; each
 * field {@code *}, a number, a range {@code a-b}, a step {@code 0-59/5}, or a comma list of those;
 * months {@code JAN}-{@code DEC} and weekdays {@code SUN}-{@code SAT} by name). {@link #problem} says what is wrong
 * with a schedule in the user's words, field by field.
 */
final class CronSchedule {
  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final List<Field> FIELDS = List.of(
      new Field("minute", 0, 59, List.of()),
      new Field("hour", 0, 23, List.of()),
      new Field("day of month", 1, 31, List.of()),
      new Field("month", 1, 12, MONTHS),
      new Field("day of week", 0, 6, DAYS));
  /** The longest day of each month (February in a leap year): a day of month beyond it never comes. */
  private static final int[] LONGEST = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private CronSchedule() {}

  /** What is wrong with {@code schedule}, or nothing when a CronJob runs it. */
  static Optional<String> problem(String schedule) {
    String s = schedule.trim();
    String[] parts = s.isEmpty() ? new String[0] : s.split("\\s+");
    if (parts.length != FIELDS.size()) {
      return Optional.of("'" + s + "' has " + parts.length + " field" + (parts.length == 1 ? "" : "s")
          + "; a cron schedule has five: minute hour day-of-month month day-of-week (example: \"0 2 * * *\")");
    }
    List<String> problems = new ArrayList<>();
    List<boolean[]> sets = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      boolean[] set = new boolean[FIELDS.get(i).max() + 1];
      field(FIELDS.get(i), parts[i], set).ifPresent(problems::add);
      sets.add(set);
    }
    if (!problems.isEmpty()) {
      return Optional.of("'" + s + "' is not a cron schedule: " + String.join("; ", problems));
    }
    if (!parts[2].equals("*") && parts[4].equals("*")) {
      // Only the day of month restricts the day: it must come in one of the months.
      boolean comes = false;
      for (int month = 1; month <= 12 && !comes; month++) {
        for (int day = 1; day <= LONGEST[month - 1] && sets.get(3)[month]; day++) {
          comes |= sets.get(2)[day];
        }
      }
      if (!comes) {
        return Optional.of("'" + s + "' never runs: no month selected has the day of month selected");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> field(Field f, String text, boolean[] set) {
    for (String item : text.split(",", -1)) {
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        Optional<Integer> n = number(item.substring(slash + 1));
        if (n.isEmpty()) {
          return Optional.of("the " + f.name() + " step in '" + item + "' is not a number");
        }
        step = n.get();
        int span = f.max() - f.min() + 1;
        if (step < 1 || step > span) {
          return Optional.of("the " + f.name() + " step " + step + " in '" + item + "' is outside 1.." + span);
        }
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?") && f.name().startsWith("day")) {
        from = f.min();
        to = f.max();
      } else {
        int dash = range.indexOf('-');
        Optional<Integer> a = value(f, dash < 0 ? range : range.substring(0, dash));
        Optional<Integer> b = dash < 0 ? a : value(f, range.substring(dash + 1));
        if (a.isEmpty() || b.isEmpty()) {
          return Optional.of("the " + f.name() + " '" + item + "' is not " + allowed(f));
        }
        from = a.get();
        to = dash < 0 && slash >= 0 ? f.max() : b.get();
        if (from < f.min() || from > f.max() || to < f.min() || to > f.max()) {
          return Optional.of("the " + f.name() + " '" + item + "' is outside " + f.min() + ".." + f.max());
        }
        if (from > to) {
          return Optional.of("the " + f.name() + " range '" + range + "' runs backwards (write " + to + "-" + from + ")");
        }
      }
      for (int v = from; v <= to; v += step) {
        set[v] = true;
      }
    }
    return Optional.empty();
  }

  private static String allowed(Field f) {
    String names = f.names().isEmpty() ? "" : " or " + f.names().get(0) + "-" + f.names().get(f.names().size() - 1);
    return "a number " + f.min() + ".." + f.max() + names + ", a range, a step or *";
  }

  private static Optional<Integer> value(Field f, String text) {
    int named = f.names().indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return Optional.of(named + (f.min() == 1 ? 1 : 0));
    }
    return number(text);
  }

  private static Optional<Integer> number(String text) {
    if (!text.matches("[0-9]{1,4}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(text));
  }
}
