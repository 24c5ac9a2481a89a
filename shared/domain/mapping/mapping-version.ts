/**
 * Version of the default mapping. Part of every content hash: bump it when the default mapping's
 * output changes, so every record is written again once with the new shape.
 */
export const MAPPING_VERSION = "1";
