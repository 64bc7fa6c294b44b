package com.example.quickstart;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/**
 * A tiny static site on the local disk: a folder and two files, in two child scopes of the stage.
 * Registered in {@code META-INF/services/io.alchemy.core.InfrastructureDefinition}, so the plugin
 * finds it without configuration.
 *
 * <p>Paths are relative to the project folder. Run {@code alchemy:up} twice: the second run
 * changes nothing. Edit a text below and run again: only that file is updated. Delete a {@code
 * declare} line and run again: that file is deleted.
 */
public class Infrastructure implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String site = "target/www/" + scope.stage();

    scope.run("web", web -> {
      Folder.declare(web, "root", Folder.props(site));
      TextFile.declare(web, "index", TextFile.props(site + "/index.html",
          "<h1>Hello from " + web.appName() + " (" + web.stage() + ")</h1>\n"));
      System.out.println("[quickstart] " + web.fqn("index") + " is " + site + "/index.html");
    });

    // A physical name is what a resource would be called in the real world (a bucket, a
    // database): unique per app, scope and stage, so stages never collide.
    TextFile.Output settings = scope.call("config", config -> {
      String bucket = config.createPhysicalName("images");
      System.out.println("[quickstart] physical name of images: " + bucket);
      return TextFile.declare(config, "settings", TextFile.props(site + "/settings.json",
          "{\"bucket\": \"" + bucket + "\", \"stage\": \"" + config.stage() + "\"}\n"));
    });
    System.out.println("[quickstart] settings.json: " + settings.size() + " bytes");
  }
}
