package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a release would publish, as installed into this build's local repository: the POM metadata
 * Central requires, the sources and javadoc jars, LICENSE and NOTICE in the jars, and a BOM that
 * carries nothing but our two artifacts.
 */
class PublishedArtifactsTest {

  private static final Path REPOSITORY = Path.of(System.getProperty("consumer.localRepository"));
  private static final String VERSION = System.getProperty("consumer.asyncOracleVersion");

  @Test
  void everyPublishedPomDescribesTheProject() throws Exception {
    for (String artifactId : List.of("async-oracle-parent", "async-oracle-bom", "async-oracle-core",
        "async-oracle-spring-boot-starter")) {
      Element pom = pom(artifactId);
      assertThat(text(pom, "name")).as(artifactId + " name").isNotBlank();
      assertThat(text(pom, "description")).as(artifactId + " description").isNotBlank();
      // url, licenses, developers and scm may be inherited from the (published) parent.
      Element withParent = pom;
      List<Element> chain = new ArrayList<>();
      while (withParent != null) {
        chain.add(withParent);
        Element parent = child(withParent, "parent");
        withParent = parent == null ? null : pom(text(parent, "artifactId"));
      }
      assertThat(first(chain, "url")).as(artifactId + " url").startsWith("https://");
      assertThat(first(chain, "licenses")).as(artifactId + " licenses").contains("Apache License, Version 2.0");
      assertThat(first(chain, "developers")).as(artifactId + " developers").isNotBlank();
      assertThat(first(chain, "scm")).as(artifactId + " scm").contains("scm:git:");
    }
  }

  @Test
  void theBomManagesOnlyOurArtifactsAndHasNoParent() throws Exception {
    Element bom = pom("async-oracle-bom");
    assertThat(child(bom, "parent")).as("a parent would import its dependency management too").isNull();
    Element managed = child(child(bom, "dependencyManagement"), "dependencies");
    List<String> entries = new ArrayList<>();
    for (Node n = managed.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element dependency) {
        entries.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
      }
    }
    assertThat(entries).containsExactly("io.asyncoracle:async-oracle-core",
        "io.asyncoracle:async-oracle-spring-boot-starter");
  }

  @Test
  void coreAndStarterComeWithSourcesAndJavadoc() throws IOException {
    assertJarHolds("async-oracle-core", "sources", "io/asyncoracle/AsyncPool.java");
    assertJarHolds("async-oracle-spring-boot-starter", "sources",
        "io/asyncoracle/boot/template/AsyncOracleTemplate.java");
    // Javadoc lays the pages out by module (io.asyncoracle/io/asyncoracle/...) because the jars
    // name their automatic module; either layout is a complete javadoc jar.
    assertJarHolds("async-oracle-core", "javadoc", "index.html");
    assertJarHoldsEntryEndingWith("async-oracle-core", "javadoc", "io/asyncoracle/AsyncPool.html");
    assertJarHolds("async-oracle-spring-boot-starter", "javadoc", "index.html");
    assertJarHoldsEntryEndingWith("async-oracle-spring-boot-starter", "javadoc",
        "io/asyncoracle/boot/template/AsyncOracleTemplate.html");
  }

  @Test
  void coreAndStarterJarsCarryLicenseAndNotice() throws IOException {
    for (String artifactId : List.of("async-oracle-core", "async-oracle-spring-boot-starter")) {
      assertJarHolds(artifactId, null, "META-INF/LICENSE");
      assertJarHolds(artifactId, null, "META-INF/NOTICE");
    }
  }

  private static void assertJarHolds(String artifactId, String classifier, String entry) throws IOException {
    String suffix = classifier == null ? ".jar" : "-" + classifier + ".jar";
    Path jar = artifactDirectory(artifactId).resolve(artifactId + "-" + VERSION + suffix);
    assertThat(jar).exists();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertThat(zip.getEntry(entry)).as(jar.getFileName() + " holds " + entry).isNotNull();
    }
  }

  private static void assertJarHoldsEntryEndingWith(String artifactId, String classifier, String suffix)
      throws IOException {
    Path jar = artifactDirectory(artifactId).resolve(artifactId + "-" + VERSION + "-" + classifier + ".jar");
    assertThat(jar).exists();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName))
          .as(jar.getFileName() + " holds .../" + suffix)
          .anyMatch(name -> name.equals(suffix) || name.endsWith("/" + suffix));
    }
  }

  private static Path artifactDirectory(String artifactId) {
    return REPOSITORY.resolve("io/asyncoracle").resolve(artifactId).resolve(VERSION);
  }

  private static Element pom(String artifactId) throws Exception {
    Path file = artifactDirectory(artifactId).resolve(artifactId + "-" + VERSION + ".pom");
    assertThat(file).exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    try (var in = Files.newInputStream(file)) {
      Document document = factory.newDocumentBuilder().parse(in);
      return document.getDocumentElement();
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private static String first(List<Element> chain, String name) {
    for (Element pom : chain) {
      String value = text(pom, name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
