package io.fathom.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Makes the docker-java client: {@code DOCKER_HOST} (default the local socket), the httpclient5
 * transport, and no pinned API version (the engine negotiates; pinning 1.44+ fails on the 1.41
 * engine these hosts run). Log follows hold a connection each, hence the larger pool.
 */
public final class DockerClients {
  private DockerClients() {}

  public static DockerClient fromEnvironment() {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(256)
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
