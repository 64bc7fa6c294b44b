/**
 * Watch mode without a build tool: {@link io.alchemy.core.watch.WatchLoop} deploys a definition
 * on an {@link io.alchemy.core.AlchemySession}, then recompiles changed sources in-process,
 * copies changed resources, reloads the definition in a fresh class loader and deploys again
 * after every change. The Maven plugin's {@code alchemy:dev} and {@code alchemy:up
 * -Dalchemy.watch} give it the project's folders and classpaths and log what its {@link
 * io.alchemy.core.watch.WatchListener} hears.
 */
package io.alchemy.core.watch;
