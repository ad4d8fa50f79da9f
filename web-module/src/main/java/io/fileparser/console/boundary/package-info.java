/**
 * The browser console at {@code /parser/}: the static page the build bundles into the WAR
 * (web-module/src/main/console), the headers a browser gets with it, and the configuration it reads
 * before anyone signs in. The console calls the API like any other client; nothing here serves
 * data.
 */
package io.fileparser.console.boundary;
