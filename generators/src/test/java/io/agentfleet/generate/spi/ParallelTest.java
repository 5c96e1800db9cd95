package io.agentfleet.generate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private static List<Callable<Integer>> squares(int n, Set<String> threads) {
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      tasks.add(() -> {
        threads.add(Thread.currentThread().getName());
        // Later tasks finish first, so that order by completion and order by task differ.
        Thread.sleep((n - k) % 3);
        return k * k;
      });
    }
    return tasks;
  }

  @Test
  void all_answersResultsInTaskOrder_whateverFinishesFirst() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (Parallel p = new Parallel(3)) {
      List<Integer> out = p.all(squares(50, threads));
      for (int i = 0; i < 50; i++) {
        assertThat(out.get(i)).isEqualTo(i * i);
      }
    }
    assertThat(threads).contains(Thread.currentThread().getName()).hasSizeGreaterThan(1);
  }

  @Test
  void all_withOneThread_runsEverythingOnTheCaller() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (Parallel p = Parallel.none()) {
      assertThat(p.all(squares(5, threads))).containsExactly(0, 1, 4, 9, 16);
    }
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void all_whenTasksFail_throwsTheFirstFailureInTaskOrder_asItWas() {
    List<Callable<Integer>> tasks = new ArrayList<>();
    tasks.add(() -> 1);
    tasks.add(() -> {
      Thread.sleep(20);
      throw new IllegalArgumentException("second task");
    });
    tasks.add(() -> {
      throw new IllegalStateException("third task");
    });
    try (Parallel p = new Parallel(2)) {
      assertThatThrownBy(() -> p.all(tasks)).isInstanceOf(IllegalArgumentException.class).hasMessage("second task");
    }
  }
}
