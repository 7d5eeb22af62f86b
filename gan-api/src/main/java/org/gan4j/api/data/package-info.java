/** Datasets and batches of real samples. */
package org.gan4j.api.data;
