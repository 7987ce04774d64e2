package io.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in docs/ and the README true: a code block preceded by {@code <!-- snippet: path/File.java#name -->}
 * must equal, after removing common indentation, the region between {@code // tag::name[]} and
 * {@code // end::name[]} in that compiled and tested source file (path relative to the repository root).
 */
class DocSnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (the directory holding mvnw)").isNotNull();
        return dir;
    }

    @Test
    void everySnippetInTheDocsMatchesItsTaggedSource() throws IOException {
        Path root = repositoryRoot();
        List<Path> docs;
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            docs = new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).toList());
        }
        docs.add(root.resolve("README.md"));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = SNIPPET.matcher(Files.readString(doc));
            while (m.find()) {
                checked++;
                Path source = root.resolve(m.group(1));
                String where = root.relativize(doc) + " -> " + m.group(1) + "#" + m.group(2);
                if (!Files.exists(source)) {
                    problems.add(where + ": source file missing");
                    continue;
                }
                String region = region(Files.readString(source), m.group(2));
                if (region == null) {
                    problems.add(where + ": no tag::" + m.group(2) + "[] region");
                } else if (!dedent(region).equals(dedent(m.group(3)))) {
                    problems.add(where + ": differs from the source; copy the region again");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("snippets checked (docs/core.md has several)").isGreaterThanOrEqualTo(5);
    }

    private static String region(String source, String tag) {
        int start = source.indexOf("// tag::" + tag + "[]");
        int end = source.indexOf("// end::" + tag + "[]");
        if (start < 0 || end < start) {
            return null;
        }
        int from = source.indexOf('\n', start) + 1;
        int to = source.lastIndexOf('\n', end);
        return from > to ? "" : source.substring(from, to);
    }

    static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString().strip();
    }
}
