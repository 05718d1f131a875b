/** How vmvc reads an environment variable that switches something on (CI): set, and not empty, `0` or `false`. */
export const switchedOn = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
