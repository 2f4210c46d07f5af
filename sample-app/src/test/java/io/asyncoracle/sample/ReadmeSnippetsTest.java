package io.asyncoracle.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the Java snippets of the READMEs against the sample's classpath (the starter, Spring MVC,
 * Reactor), so a snippet a user copies compiles and its imports name real packages:
 * <ul>
 *   <li>a snippet that declares a type at its top level (a class, record, interface or enum, with
 *   its imports) is compiled whole;</li>
 *   <li>a snippet of statements that lists imports has its imports compiled, which proves the
 *   packages and types it names exist (its statements use variables the prose defines).</li>
 * </ul>
 * Snippets with neither are prose examples and are not compiled.
 */
class ReadmeSnippetsTest {

  private static final List<Path> READMES = List.of(Path.of("../README.md"),
      Path.of("../async-oracle-spring-boot-starter/README.md"), Path.of("README.md"));
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
      "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public |final |abstract )*(?:class|record|interface|enum) (\\w+)",
      Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import [\\w.]+(?:\\.\\*)?;", Pattern.MULTILINE);

  @TempDir
  Path classes;

  @TestFactory
  Stream<DynamicTest> everySnippetWithImportsCompiles() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path readme : READMES) {
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      Matcher block = JAVA_BLOCK.matcher(text);
      while (block.find()) {
        String snippet = block.group(1);
        int line = lineOf(text, block.start());
        String where = readme.normalize() + ":" + line;
        Matcher type = TOP_LEVEL_TYPE.matcher(snippet);
        if (type.find()) {
          String name = type.group(1);
          tests.add(DynamicTest.dynamicTest(where + " (" + name + ")", () -> assertCompiles(where, name, snippet)));
        } else if (IMPORT.matcher(snippet).find()) {
          String imports = String.join("\n", IMPORT.matcher(snippet).results().map(m -> m.group()).toList());
          String name = "ImportsAt" + line;
          tests.add(DynamicTest.dynamicTest(where + " (imports)",
              () -> assertCompiles(where, name, imports + "\nclass " + name + " {\n}\n")));
        }
      }
    }
    assertThat(tests).as("snippets found in " + READMES).hasSizeGreaterThanOrEqualTo(5);
    return tests.stream();
  }

  private void assertCompiles(String where, String className, String source) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavaFileObject unit = new SimpleJavaFileObject(java.net.URI.create("string:///" + className + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      // java.class.path is the test classpath, or surefire's manifest-only jar, whose Class-Path javac follows.
      List<String> options = List.of("-proc:none", "-parameters", "-classpath", System.getProperty("java.class.path"),
          "-d", classes.toString());
      boolean compiled = compiler.getTask(diagnostics, files, null, options, null, List.of(unit)).call();
      assertThat(compiled).as("the snippet at " + where + " compiles:\n" + diagnostics + "\n" + source).isTrue();
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
