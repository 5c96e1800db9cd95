package io.agentfleet.compose;

/** The kind of container a service becomes; decides which variables the tree sets itself. */
enum ServiceKind {
  WORKER, FRONTEND, BACKEND, SUB_AGENT
}
