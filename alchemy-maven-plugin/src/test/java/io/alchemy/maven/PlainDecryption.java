package io.alchemy.maven;

import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** What Maven's decrypter returns for a server whose password is plain text: the server itself. */
record PlainDecryption(Server server) implements SettingsDecryptionResult {
  @Override public Server getServer() { return server; }
  @Override public List<Server> getServers() { return List.of(server); }
  @Override public Proxy getProxy() { return null; }
  @Override public List<Proxy> getProxies() { return List.of(); }
  @Override public List<SettingsProblem> getProblems() { return List.of(); }
}
