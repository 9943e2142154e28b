package dev.olympus.apicheck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the public API of one compiled module as sorted text: every accessible type of its
 * unqualified exports, with its supertypes, permitted subtypes and its public and protected
 * members, one per line. The same classes give the same text, so the dump is a stable thing to
 * commit and diff.
 */
final class ApiDump {
  private final Path classes;
  private final ClassLoader loader;

  ApiDump(Path classes, ClassLoader loader) {
    this.classes = classes;
    this.loader = loader;
  }

  /** The module's name (or the artifact's, for one on the class path) and its dump. */
  record Result(String module, List<String> lines) {}

  /**
   * Dumps the module. A module compiled without {@code module-info} (one whose dependencies split
   * packages, so it runs on the class path only) is dumped as if it exported every package outside
   * {@code internal}.
   */
  Result dump(String artifact) {
    Path descriptor = classes.resolve("module-info.class");
    String name;
    Set<String> exported;
    if (Files.isRegularFile(descriptor)) {
      ModuleDescriptor module = descriptor(descriptor);
      name = "module " + module.name();
      exported =
          module.exports().stream()
              .filter(e -> !e.isQualified())
              .map(ModuleDescriptor.Exports::source)
              .collect(Collectors.toCollection(TreeSet::new));
    } else {
      name = "class-path artifact " + artifact;
      exported = packagesOutsideInternal();
    }
    List<String> lines = new ArrayList<>();
    lines.add(name);
    exported.forEach(p -> lines.add("  exports " + p));
    for (Class<?> type : typesIn(exported)) {
      lines.addAll(describe(type));
    }
    return new Result(name, lines);
  }

  private static ModuleDescriptor descriptor(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return ModuleDescriptor.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module descriptor " + file, e);
    }
  }

  private Set<String> packagesOutsideInternal() {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
          .filter(p -> !p.isEmpty() && !(p + ".").contains(".internal."))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + classes, e);
    }
  }

  private List<Class<?>> typesIn(Set<String> packages) {
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : packages) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
            .sorted()
            .map(n -> load(pkg + "." + n.substring(0, n.length() - ".class".length())))
            .filter(ApiDump::visibleFromOutside)
            .forEach(types::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    types.sort(Comparator.comparing(Class::getName));
    return types;
  }

  private Class<?> load(String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is compiled but not on the test class path", e);
    }
  }

  private static boolean visibleFromOutside(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      boolean reachable =
          Modifier.isPublic(modifiers)
              || (Modifier.isProtected(modifiers) && !isFinal(t.getDeclaringClass()));
      if (!reachable || t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFinal(Class<?> type) {
    return type != null && Modifier.isFinal(type.getModifiers());
  }

  private static List<String> describe(Class<?> type) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(header(type));
    if (type.isSealed()) {
      lines.add(
          "  permits "
              + Arrays.stream(type.getPermittedSubclasses())
                  .map(Class::getTypeName)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    TreeSet<String> members = new TreeSet<>();
    Arrays.stream(type.getDeclaredFields())
        .filter(f -> exposed(type, f))
        .map(Field::toGenericString)
        .forEach(members::add);
    Arrays.stream(type.getDeclaredConstructors())
        .filter(c -> exposed(type, c))
        .map(Constructor::toGenericString)
        .forEach(members::add);
    Arrays.stream(type.getDeclaredMethods())
        .filter(m -> exposed(type, m) && !m.isBridge())
        .map(Method::toGenericString)
        .forEach(members::add);
    members.forEach(m -> lines.add("  " + m));
    return lines;
  }

  private static String header(Class<?> type) {
    StringBuilder header = new StringBuilder(Modifier.toString(classModifiers(type)));
    header.append(header.length() == 0 ? "" : " ").append(kind(type)).append(' ');
    header.append(type.getTypeName());
    String parameters =
        Arrays.stream(type.getTypeParameters())
            .map(ApiDump::typeVariable)
            .collect(Collectors.joining(","));
    if (!parameters.isEmpty()) {
      header.append('<').append(parameters).append('>');
    }
    if (type.getGenericSuperclass() != null
        && type.getSuperclass() != Object.class
        && !type.isEnum()
        && !type.isRecord()) {
      header.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    String interfaces =
        Arrays.stream(type.getGenericInterfaces())
            .map(java.lang.reflect.Type::getTypeName)
            .sorted()
            .collect(Collectors.joining(", "));
    if (!interfaces.isEmpty()) {
      header.append(type.isInterface() ? " extends " : " implements ").append(interfaces);
    }
    return header.toString();
  }

  private static String typeVariable(java.lang.reflect.TypeVariable<?> variable) {
    String bounds =
        Arrays.stream(variable.getBounds())
            .filter(b -> b != Object.class)
            .map(java.lang.reflect.Type::getTypeName)
            .collect(Collectors.joining(" & "));
    return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends " + bounds;
  }

  private static int classModifiers(Class<?> type) {
    int modifiers = type.getModifiers() & Modifier.classModifiers();
    if (type.isInterface()) {
      modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
    }
    if (type.isEnum() || type.isRecord()) {
      modifiers &= ~(Modifier.FINAL | Modifier.STATIC);
    }
    return modifiers;
  }

  private static String kind(Class<?> type) {
    if (type.isAnnotation()) {
      return "@interface";
    }
    if (type.isInterface()) {
      return type.isSealed() ? "sealed interface" : "interface";
    }
    if (type.isEnum()) {
      return "enum";
    }
    if (type.isRecord()) {
      return "record";
    }
    return type.isSealed() ? "sealed class" : "class";
  }

  private static boolean exposed(Class<?> owner, Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers)
            || Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
  }
}
