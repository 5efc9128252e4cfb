// What a worker (server/index.js) tells the cluster's primary (server/cluster.js) once it
// listens and its keyring has read its state: the primary then starts the other workers.
export const READY = "adal:ready";
