package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Loads a PDF through {@code dev.olympus.tools} as a host on the module path gets it: a module
 * layer resolved from the module's own descriptor over its runtime dependencies, where only what
 * the descriptors require is resolved.
 */
class DocumentModulePathTest {
  @Test
  void aPdfLoadsOnTheModulePath() throws Throwable {
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration()
            .resolve(ModuleFinder.of(modulePath()), ModuleFinder.of(), Set.of("dev.olympus.tools"));
    ModuleLayer layer =
        boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Class<?> loaderType =
        layer.findLoader("dev.olympus.tools").loadClass(DocumentLoader.class.getName());
    Object loader = loaderType.getMethod("ofDefaults").invoke(null);
    byte[] pdf = DocumentLoaderTest.pdf("Title", List.of("hello from the module path"));
    Object text =
        call(loaderType.getMethod("load", String.class, byte[].class), loader, "a.pdf", pdf);
    assertEquals("hello from the module path", call(text.getClass().getMethod("text"), text));
  }

  private static Object call(Method method, Object target, Object... arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The module's classes and its runtime dependencies, as Maven lists them for this test. */
  private static Path[] modulePath() throws IOException {
    List<Path> modules = new ArrayList<>();
    modules.add(Path.of("target", "classes"));
    String runtime = Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
    for (String entry : runtime.split(File.pathSeparator)) {
      modules.add(Path.of(entry));
    }
    return modules.toArray(Path[]::new);
  }
}
