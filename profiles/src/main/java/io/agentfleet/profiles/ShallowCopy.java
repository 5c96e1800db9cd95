package io.agentfleet.profiles;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a Kubernetes model object that shares every value with the original: every field, whatever version of
 * the model declares which, so none is dropped when the model grows. What a decorator uses to replace one value deep
 * in an object without copying the rest (a fabric8 builder made from an object copies all of it, level by level);
 * sharing is safe because objects in a tree are never changed, only replaced.
 */
final class ShallowCopy {
  private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
    @Override
    protected List<Field> computeValue(Class<?> type) {
      List<Field> fields = new ArrayList<>();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            f.setAccessible(true);
            fields.add(f);
          }
        }
      }
      return List.copyOf(fields);
    }
  };

  private ShallowCopy() {}

  /** A new object of {@code original}'s class (through its no-argument constructor) with each of its fields. */
  static <T> T of(T original) {
    try {
      @SuppressWarnings("unchecked")
      T copy = (T) original.getClass().getDeclaredConstructor().newInstance();
      for (Field f : FIELDS.get(original.getClass())) {
        f.set(copy, f.get(original));
      }
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy a " + original.getClass().getName(), e);
    }
  }
}
