package org.gan4j.api;

import org.gan4j.api.data.Dataset;

/**
 * A factory of datasets, so plugins can bring their own data. Data is read from local files only: gan4j never
 * downloads at run time, and a missing file is reported with the set-up command that fetches it.
 *
 * @param <C> the config record type
 */
public interface DataSource<C extends Record> extends Component<C> {

    /**
     * Opens (loads or generates) the dataset.
     *
     * @param config the bound config
     * @return the dataset
     * @throws DataException when files are missing or malformed
     */
    Dataset open(C config) throws DataException;
}
