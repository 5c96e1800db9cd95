package io.agentfleet.model;

import java.util.SortedSet;

/**
 * The resolved namespace quota: {@code hard} holds every dimension of the fleet at full scale plus
 * {@code headroomPercent}, rounded up (whole millicores, MiB, GiB of storage, whole pods and claims), except the
 * dimensions named in {@code stated}, which are as written in fleet.yaml and checked to hold that much.
 */
public record Quota(int headroomPercent, Capacity hard, SortedSet<String> stated) {
  public Quota {
    stated = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(stated));
  }
}
