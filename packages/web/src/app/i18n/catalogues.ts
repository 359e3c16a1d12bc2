import { en, type Catalogue } from './en';

export type Language = 'en' | 'de' | 'sk';

// English is the fallback of every message and ships with the page; German and Slovak (about 12 KB
// gzipped each) load when someone needs them, so the initial JavaScript stays within its budget
const loaded: Partial<Record<Language, Catalogue>> = { en };
const loaders: Record<Exclude<Language, 'en'>, () => Promise<Catalogue>> = {
  de: () => import('./de').then((m) => m.de),
  sk: () => import('./sk').then((m) => m.sk),
};
const pending = new Map<Language, Promise<Catalogue>>();

/** The catalogue of `language` if it has been loaded, else undefined. */
export function loadedCatalogue(language: Language): Catalogue | undefined {
  return loaded[language];
}

/** Loads the catalogue of `language` once; a failed load (offline) may be tried again. */
export function loadCatalogue(language: Language): Promise<Catalogue> {
  const known = loaded[language];
  if (known) return Promise.resolve(known);
  let load = pending.get(language);
  if (!load) {
    load = loaders[language as Exclude<Language, 'en'>]().then(
      (catalogue) => {
        loaded[language] = catalogue;
        pending.delete(language);
        return catalogue;
      },
      (error: unknown) => {
        pending.delete(language);
        throw error;
      },
    );
    pending.set(language, load);
  }
  return load;
}
