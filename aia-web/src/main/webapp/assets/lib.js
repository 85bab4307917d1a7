// The dashboard's one UI library, lit-html, from its WebJar (the version is the pom's, written in by the build).
export { html, render, nothing, svg } from '/webjars/lit-html/${version.lit-html}/lit-html.js';
export { live } from '/webjars/lit-html/${version.lit-html}/directives/live.js';
export { repeat } from '/webjars/lit-html/${version.lit-html}/directives/repeat.js';
export { ifDefined } from '/webjars/lit-html/${version.lit-html}/directives/if-defined.js';
