package org.recsysbook.kernel;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code %maven}: resolves artifacts and their transitive run-time dependencies with Maven Resolver, from
 * the local repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) and Maven Central (and any
 * repository added with {@code %mavenRepo}), exactly as Maven itself would.
 */
final class MavenResolver {
    /** Why coordinates could not be resolved, in one line a student can act on. */
    static final class ResolutionException extends Exception {
        private static final long serialVersionUID = 1L;

        ResolutionException(String message) {
            super(message);
        }
    }

    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private RepositorySystem system;

    MavenResolver() {
        String central = System.getenv().getOrDefault("WORKBOOK_MAVEN_CENTRAL", "https://repo.maven.apache.org/maven2/");
        // Central publishes no snapshots: a -SNAPSHOT in the local repository, such as the workbook's own modules, is
        // used as it is, never checked against the network for a newer one (notebook 13 runs offline).
        repositories.put("central", new RemoteRepository.Builder("central", "default", central)
                .setSnapshotPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER,
                        RepositoryPolicy.CHECKSUM_POLICY_WARN))
                .build());
    }

    void addRepository(String id, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        if (uri.getScheme() == null || !List.of("http", "https", "file").contains(uri.getScheme())) {
            throw new IllegalArgumentException("the repository URL must start with https://, http:// or file:, got " + url);
        }
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * For the workbook's own modules (group {@code org.recsysbook}), which only a build puts into the local repository:
     * the one step that puts them there.
     */
    static String setupHint(List<String> coordinates) {
        for (String c : coordinates) {
            if (c.startsWith("org.recsysbook:") || c.startsWith("org.recsysbook.")) {
                return ". The workbook's own modules and their dependencies (Spark, for the scale module) reach the "
                        + "local Maven repository (" + localRepository() + ") when the workbook is built: run "
                        + "./workbook setup";
            }
        }
        return "";
    }

    /** Resolves {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version}) to jar files. */
    List<Path> resolve(List<String> coordinates) throws ResolutionException {
        List<Dependency> roots = new ArrayList<>();
        for (String c : coordinates) {
            try {
                roots.add(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new ResolutionException("'" + c + "' is not a coordinate of the form group:artifact:version");
            }
        }
        synchronized (this) {
            if (system == null) {
                system = new RepositorySystemSupplier().get();
            }
        }
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository())
                .setSystemProperties(System.getProperties())
                .build()) {
            CollectRequest collect = new CollectRequest(roots, List.of(), new ArrayList<>(repositories.values()));
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            DependencyResult result = system.resolveDependencies(session, request);
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : result.getArtifactResults()) {
                Artifact a = r.getArtifact();
                if (a != null && a.getPath() != null) {
                    jars.add(a.getPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root.getMessage() == null ? root.toString() : root.getMessage();
            throw new ResolutionException("could not resolve " + String.join(" ", coordinates) + ": "
                    + why.lines().findFirst().orElse(why) + setupHint(coordinates));
        } catch (RuntimeException e) {
            throw new ResolutionException("could not resolve " + String.join(" ", coordinates) + ": " + e);
        }
    }
}
